//! The groups of hosts by which encryption is counted, to set beside a real case.

use super::estate::Host;
use crate::data::scenario::HostRole;

/// The groups of hosts whose encryption a trainer compares with a real case ("80 of 300 servers").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamageGroup {
    DomainControllers,
    BackupServers,
    OtherServers,
    Workstations,
    /// Medical devices and anything neither server nor workstation.
    Other,
}

impl DamageGroup {
    pub const COUNT: usize = 5;

    pub fn of(host: &Host) -> DamageGroup {
        match host.role {
            HostRole::DomainController => DamageGroup::DomainControllers,
            HostRole::BackupServer => DamageGroup::BackupServers,
            HostRole::Workstation => DamageGroup::Workstations,
            role if role.is_server() => DamageGroup::OtherServers,
            _ => DamageGroup::Other,
        }
    }
}
