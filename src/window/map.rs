//! The network map: sites as boxes, segments within them, one cell per host in the state the crisis
//! cell knows, and the links between sites, drawn cut when they are cut.

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2};

use super::theme;
use crate::exercise::{CellState, EstateView};
use crate::i18n::Language;
use crate::sim::{Estate, Network};
use crate::words::short_site_name;

/// Where everything sits on the map for one size of the area.
pub struct MapLayout {
    /// Each site's box and the line its name is written on.
    pub sites: Vec<(u32, Rect)>,
    /// Each non-empty segment's label line.
    pub segments: Vec<(u32, Rect)>,
    /// Each cell: by host index when a cell is one host, else in the order of `units`.
    pub cells: Vec<Rect>,
    /// How many hosts a cell stands for: one, unless the estate is too large to show host by host.
    pub per_cell: usize,
    /// For each cell when a cell stands for several hosts: its segment, and its rank within it.
    pub units: Vec<(u32, usize)>,
    /// Segments are drawn without their names (too many sites for the area): each segment's rectangle
    /// is then its block of cells, named on hover.
    pub compact: bool,
    /// The size of the map's words against their size at this text size: below 1 only where the map
    /// could not otherwise show every site in its area (large text on a small window).
    pub text_scale: f32,
}

/// The sizes the map's words are tried at, largest first, until every site fits in the area: at the
/// smallest, text size 1.5 draws them as large as text size 1 would, and a little smaller beyond.
const TEXT_SCALES: [f32; 5] = [1.0, 0.85, 0.72, 0.62, 0.5];

/// The most cells the map draws: beyond this a cell stands for several hosts, so that an estate of
/// 75,000 hosts draws as fast as Vivalia's 1,700, each cell still large enough to show its state's shape.
pub const MOST_CELLS: usize = 2_000;

/// How many hosts each cell stands for in an estate of this size.
pub fn hosts_per_cell(hosts: usize) -> usize {
    hosts.div_ceil(MOST_CELLS).max(1)
}

const PAD: f32 = 6.0;
const LARGEST_CELL: f32 = 18.0;
const SMALLEST_CELL: f32 = 3.0;
/// Cell sizes tried, largest first, when no layout fits with cells of `SMALLEST_CELL`.
const LAST_RESORT_CELLS: [f32; 4] = [SMALLEST_CELL, 2.5, 2.0, 1.5];

/// How many columns a site is given, as a multiple of the square root of its hosts: wider boxes fill a
/// wide screen better, taller ones a narrow screen.
const ASPECTS: [f64; 5] = [1.0, 1.6, 2.4, 3.6, 5.4];

/// How much room the map's words take at the text size in use.
pub struct LabelSizes {
    /// The height of a line of labels.
    pub height: f32,
    /// Per site, the width its box needs for its name and its segments' labels.
    pub full: Vec<f32>,
    /// Per site, the width its box needs for its name alone (a map without segment names).
    pub names: Vec<f32>,
}

impl LabelSizes {
    /// The room the words need when drawn at `scale` of their size.
    fn scaled(&self, scale: f32) -> LabelSizes {
        let words = |widths: &[f32]| widths.iter().map(|w| (w - 2.0 * PAD).max(0.0) * scale + 2.0 * PAD).collect();
        LabelSizes { height: self.height * scale, full: words(&self.full), names: words(&self.names) }
    }
}

/// Lays the estate out in `area`: the largest words, then the largest cell size over a few box shapes,
/// at which every site fits with its words.
pub fn layout(estate: &Estate, area: Rect, labels: &LabelSizes) -> MapLayout {
    let per_cell = hosts_per_cell(estate.host_count() as usize);
    for scale in TEXT_SCALES {
        let labels = labels.scaled(scale);
        // Segment names when everything fits with them; without them when there are too many sites.
        let fitted = search(estate, area, &labels, per_cell, false).or_else(|| search(estate, area, &labels, per_cell, true));
        if let Some(map) = fitted {
            return MapLayout { text_scale: scale, ..map };
        }
    }
    // The last resort: cells smaller than a shape can be read in, coloured by state, in the shape of
    // box that leaves the map shortest.
    let smallest = TEXT_SCALES[TEXT_SCALES.len() - 1];
    let labels = labels.scaled(smallest);
    let tries = LAST_RESORT_CELLS.into_iter().flat_map(|cell| ASPECTS.map(|aspect| (cell, aspect)));
    let shortest = tries
        .map(|(cell, aspect)| flow(estate, area, cell, &labels, aspect, per_cell, true))
        .reduce(|best, next| if best.1 <= area.height() || best.1 <= next.1 { best } else { next });
    let map = shortest.map_or_else(|| flow(estate, area, SMALLEST_CELL, &labels, ASPECTS[2], per_cell, true).0, |(map, _)| map);
    MapLayout { text_scale: smallest, ..map }
}

/// The layout with the largest cells that fits, over the box shapes, if one does.
fn search(estate: &Estate, area: Rect, labels: &LabelSizes, per_cell: usize, compact: bool) -> Option<MapLayout> {
    let mut best: Option<(f32, MapLayout)> = None;
    for aspect in ASPECTS {
        let mut cell = best.as_ref().map_or(SMALLEST_CELL, |(c, _)| *c + 1.0).max(SMALLEST_CELL);
        // Grow the cell while it fits; the first size that does not fit ends the search for this shape.
        let mut fitted = None;
        while cell <= LARGEST_CELL {
            let (map, height) = flow(estate, area, cell, labels, aspect, per_cell, compact);
            if height > area.height() {
                break;
            }
            fitted = Some((cell, map));
            cell += 1.0;
        }
        if let Some((cell, map)) = fitted
            && best.as_ref().is_none_or(|(c, _)| cell > *c)
        {
            best = Some((cell, map));
        }
    }
    best.map(|(_, map)| map)
}

fn flow(estate: &Estate, area: Rect, cell: f32, labels: &LabelSizes, aspect: f64, per_cell: usize, compact: bool) -> (MapLayout, f32) {
    let label_height = labels.height;
    let segment_label = if compact { 0.0 } else { label_height };
    let gap = if compact { 3.0 } else { PAD / 2.0 };
    let site_count = estate.site_ids.len();
    let mut map = MapLayout {
        sites: Vec::new(),
        segments: Vec::new(),
        cells: if per_cell == 1 { vec![Rect::NOTHING; estate.host_count() as usize] } else { Vec::new() },
        per_cell,
        units: Vec::new(),
        compact,
        text_scale: 1.0,
    };
    let items = |hosts: usize| hosts.div_ceil(per_cell);
    let max_cols = (((area.width() - 2.0 * PAD) / cell).floor() as usize).max(1);
    let mut x = area.left();
    let mut y = area.top();
    let mut row_height: f32 = 0.0;
    for site in 0..site_count {
        let segments: Vec<_> = estate.segments.iter().enumerate().filter(|(_, s)| s.site as usize == site && !s.hosts.is_empty()).collect();
        let hosts: usize = segments.iter().map(|(_, s)| items(s.hosts.len())).sum();
        // Wide enough for its words (without segment names, only its site's short name), roughly
        // square otherwise.
        let words = if compact { labels.names.get(site) } else { labels.full.get(site) }.copied().unwrap_or(150.0);
        let min_cols = (((words - 2.0 * PAD).max(0.0) / cell).ceil() as usize).max(8);
        let cols = ((hosts as f64 * aspect).sqrt().ceil() as usize).clamp(min_cols, max_cols.max(min_cols)).min(max_cols);
        let width = cols as f32 * cell + 2.0 * PAD;
        let mut height = label_height + PAD;
        for (_, segment) in &segments {
            height += segment_label + (items(segment.hosts.len()).div_ceil(cols)) as f32 * cell + gap;
        }
        height += PAD;
        if x > area.left() && x + width > area.right() {
            x = area.left();
            y += row_height + PAD;
            row_height = 0.0;
        }
        let rect = Rect::from_min_size(Pos2::new(x, y), Vec2::new(width, height));
        map.sites.push((site as u32, rect));
        let mut cursor = y + label_height + PAD;
        for (index, segment) in segments {
            let rows = items(segment.hosts.len()).div_ceil(cols) as f32;
            let label = if compact { rows * cell } else { label_height };
            map.segments.push((index as u32, Rect::from_min_size(Pos2::new(x + PAD, cursor), Vec2::new(width - 2.0 * PAD, label))));
            cursor += segment_label;
            let place = |k: usize| {
                let (row, col) = (k / cols, k % cols);
                Rect::from_min_size(Pos2::new(x + PAD + col as f32 * cell, cursor + row as f32 * cell), Vec2::splat(cell))
            };
            if per_cell == 1 {
                for (k, &host) in segment.hosts.iter().enumerate() {
                    map.cells[host as usize] = place(k);
                }
            } else {
                for k in 0..items(segment.hosts.len()) {
                    map.cells.push(place(k));
                    map.units.push((index as u32, k));
                }
            }
            cursor += rows * cell + gap;
        }
        x += width + PAD;
        row_height = row_height.max(height);
    }
    let used = y + row_height - area.top();
    (map, used)
}

/// What the pointer is on.
#[derive(Default)]
pub struct MapResponse {
    pub hovered_host: Option<u32>,
    pub hovered_segment: Option<u32>,
    pub clicked_host: Option<u32>,
    /// Labels drawn wider than their box (clipped), and sites whose box is not wholly in the map's
    /// area: none, when the layout gave them room.
    pub overflowing_labels: usize,
}

/// Draws the map into the rest of `ui`.
pub fn show(
    ui: &mut egui::Ui,
    estate: &Estate,
    network: &Network,
    view: &EstateView,
    selected: Option<u32>,
    language: Language,
) -> MapResponse {
    let cells = &view.states;
    let small = ui.text_style_height(&egui::TextStyle::Small);
    let area = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(area, Sense::click());
    let painter = ui.painter_at(area);
    // A map whose cells stand for several hosts says so on a line of its own below the boxes.
    let note_line = if hosts_per_cell(cells.len()) > 1 { small + PAD } else { 0.0 };
    let boxes = Rect::from_min_max(area.min, Pos2::new(area.right(), (area.bottom() - note_line).max(area.top())));
    let map = kept_layout(ui, estate, boxes, small, cells.len(), language);
    let cut_lines = draw_links(&painter, estate, network, &map, small);
    draw_sites(&painter, estate, &map);
    draw_segment_labels(&painter, estate, network, &map);
    if map.per_cell == 1 {
        for (host, rect) in map.cells.iter().enumerate() {
            if let Some(state) = cells.get(host) {
                theme::draw_cell(&painter, *rect, *state);
                if view.powered_off.get(host).copied().unwrap_or(false) {
                    theme::draw_powered_off(&painter, *rect);
                }
            }
        }
    } else {
        draw_shared_cells(&painter, estate, &map, view);
        let note = language.trf("cell-stands-for", &[("hosts", &map.per_cell)]);
        painter.text(area.right_bottom() - Vec2::new(PAD, PAD / 2.0), Align2::RIGHT_BOTTOM, note, label_font(1.0), theme::TEXT);
    }
    frame_isolated_segments(&painter, estate, network, &map);
    // Every cut is marked, where its line can be seen between the boxes if it can.
    for [from, to] in cut_lines {
        let mark = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]
            .into_iter()
            .map(|t| from.lerp(to, t))
            .find(|p| !map.sites.iter().any(|(_, r)| r.expand(10.0).contains(*p)))
            .unwrap_or_else(|| from.lerp(to, 0.5));
        painter.circle_filled(mark, 11.0, theme::PANEL_DARK);
        painter.text(mark, Align2::CENTER_CENTER, "✖", FontId::proportional(18.0), theme::VERMILLION);
    }
    if let Some(host) = selected
        && let Some(rect) = map.cells.get(host as usize)
    {
        painter.rect_stroke(rect.expand(2.0), 0.0, Stroke::new(2.0, Color32::WHITE), egui::StrokeKind::Outside);
    }
    let mut out = pointed_at(&response, &map);
    out.overflowing_labels =
        overflowing_labels(ui, estate, &map) + map.sites.iter().filter(|(_, r)| !boxes.expand(0.5).contains_rect(*r)).count();
    out
}

/// How many site names and segment labels are wider than the room their box gives them.
fn overflowing_labels(ui: &egui::Ui, estate: &Estate, map: &MapLayout) -> usize {
    let width = |text: String, font: FontId| theme::text_width(ui, &text, font);
    let sites = map.sites.iter().filter(|(site, rect)| {
        let name = estate.scenario.sites.get(*site as usize).map_or("", |s| short_site_name(&s.name));
        width(name.to_string(), site_font(map.text_scale)) > rect.width() - PAD - 2.0
    });
    let segments = map.segments.iter().filter(|(segment, rect)| {
        !map.compact
            && width(segment_text(estate, *segment, estate.segments[*segment as usize].hosts.len()), label_font(map.text_scale))
                > rect.width()
    });
    sites.count() + segments.count()
}

/// The font of site names, at `scale` of its size.
fn site_font(scale: f32) -> FontId {
    FontId::proportional((theme::SMALLEST_TEXT + 1.0) * scale)
}

/// A segment's label: its name without its site's, and its hosts.
fn segment_text(estate: &Estate, segment: u32, hosts: usize) -> String {
    format!("{} · {hosts}", segment_label(estate, segment))
}

/// The font of segment names and of the note on what a cell stands for, at `scale` of its size.
fn label_font(scale: f32) -> FontId {
    FontId::proportional(theme::SMALLEST_TEXT * scale)
}

/// The layout for this area and text size: it changes only with them, so it is kept between frames.
fn kept_layout(ui: &egui::Ui, estate: &Estate, area: Rect, small: f32, hosts: usize, language: Language) -> std::sync::Arc<MapLayout> {
    let key = egui::Id::new((
        "map-layout",
        area.min.x.to_bits(),
        area.min.y.to_bits(),
        area.max.x.to_bits(),
        area.max.y.to_bits(),
        small.to_bits(),
        language.code(),
    ));
    match ui.ctx().data(|d| d.get_temp::<std::sync::Arc<MapLayout>>(key)) {
        Some(map) if map.per_cell == hosts_per_cell(hosts) && (map.per_cell > 1 || map.cells.len() == hosts) => map,
        _ => {
            let map = std::sync::Arc::new(layout(estate, area, &label_sizes(ui, estate, small + 4.0)));
            ui.ctx().data_mut(|d| d.insert_temp(key, map.clone()));
            map
        }
    }
}

/// What each site's box needs to hold its words at this text size.
fn label_sizes(ui: &egui::Ui, estate: &Estate, height: f32) -> LabelSizes {
    let width = |text: String, font: FontId| theme::text_width(ui, &text, font);
    let mut sizes = LabelSizes { height, full: Vec::new(), names: Vec::new() };
    for (site, info) in estate.scenario.sites.iter().enumerate() {
        let name = width(short_site_name(&info.name).to_string(), site_font(1.0)) + 2.0 * PAD;
        let segments = estate
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.site as usize == site && !s.hosts.is_empty())
            .map(|(i, s)| width(segment_text(estate, i as u32, s.hosts.len()), label_font(1.0)) + 2.0 * PAD)
            .fold(0.0f32, f32::max);
        sizes.full.push(name.max(segments));
        sizes.names.push(name);
    }
    sizes
}

/// Links between sites, behind the boxes: a solid line when up, a dashed one when cut. Returns the
/// ends of each cut line, for a cross to mark it.
fn draw_links(painter: &egui::Painter, estate: &Estate, network: &Network, map: &MapLayout, small: f32) -> Vec<[Pos2; 2]> {
    let site_rect = |site: u32| map.sites.iter().find(|(s, _)| *s == site).map(|(_, r)| *r);
    let mut cut_marks = Vec::new();
    for (i, link) in estate.links.iter().enumerate() {
        if link.sites.len() < 2 {
            continue;
        }
        let (Some(a), Some(b)) = (site_rect(link.sites[0]), site_rect(link.sites[1])) else {
            continue;
        };
        let (from, to) = (a.center_top() + Vec2::new(0.0, small), b.center_top() + Vec2::new(0.0, small));
        if network.link_up.get(i).copied().unwrap_or(true) {
            painter.line_segment([from, to], Stroke::new(2.0, Color32::from_gray(0x90)));
        } else {
            painter.add(egui::Shape::dashed_line(&[from, to], Stroke::new(2.0, theme::VERMILLION), 8.0, 6.0));
            cut_marks.push([from, to]);
        }
    }
    cut_marks
}

/// Each site's box with its short name.
fn draw_sites(painter: &egui::Painter, estate: &Estate, map: &MapLayout) {
    let name_font = site_font(map.text_scale);
    for (site, rect) in &map.sites {
        painter.rect(*rect, 4.0, Color32::from_gray(0x2A), Stroke::new(1.0, Color32::from_gray(0x55)), egui::StrokeKind::Inside);
        let name = estate.scenario.sites.get(*site as usize).map_or("", |s| short_site_name(&s.name));
        let clipped = painter.with_clip_rect(rect.shrink(2.0));
        clipped.text(rect.left_top() + Vec2::new(PAD, PAD / 2.0), Align2::LEFT_TOP, name, name_font.clone(), theme::TEXT);
    }
}

/// Each segment's name, host count and isolation; in a compact map only an outline for isolation.
fn draw_segment_labels(painter: &egui::Painter, estate: &Estate, network: &Network, map: &MapLayout) {
    let label_font = label_font(map.text_scale);
    for (segment, rect) in &map.segments {
        let info = &estate.segments[*segment as usize];
        let isolated = network.isolated.get(*segment as usize).copied().unwrap_or(false);
        if map.compact {
            // No room for names: an isolated segment's frame says it, and hovering names it.
            continue;
        }
        // Isolation is the segment's frame and its label's colour: the label keeps the width it was laid
        // out for.
        let text = segment_text(estate, *segment, info.hosts.len());
        let colour = if isolated { theme::SKY_BLUE } else { Color32::from_gray(0xB8) };
        painter.with_clip_rect(*rect).text(rect.left_top(), Align2::LEFT_TOP, text, label_font.clone(), colour);
    }
}

/// Cells that stand for several hosts: each segment's hosts are counted by state (running, then
/// switched off) and its cells filled in that order, so the share of each reads as a run of its shape.
fn draw_shared_cells(painter: &egui::Painter, estate: &Estate, map: &MapLayout, view: &EstateView) {
    let kinds: Vec<(CellState, bool)> = CellState::ALL.into_iter().flat_map(|s| [(s, false), (s, true)]).collect();
    let ranked: Vec<Vec<(CellState, bool)>> = estate
        .segments
        .iter()
        .map(|segment| {
            let mut counts = vec![0usize; kinds.len()];
            for &host in &segment.hosts {
                if let Some(state) = view.states.get(host as usize) {
                    let off = view.powered_off.get(host as usize).copied().unwrap_or(false);
                    counts[*state as usize * 2 + usize::from(off)] += 1;
                }
            }
            (0..segment.hosts.len().div_ceil(map.per_cell))
                .map(|k| {
                    let rank = (k * map.per_cell + map.per_cell / 2).min(segment.hosts.len().saturating_sub(1));
                    let mut seen = 0;
                    let at = counts.iter().position(|n| {
                        seen += n;
                        seen > rank
                    });
                    at.map_or((CellState::Clean, false), |i| kinds[i])
                })
                .collect()
        })
        .collect();
    for (rect, (segment, k)) in map.cells.iter().zip(&map.units) {
        if let Some((state, off)) = ranked.get(*segment as usize).and_then(|r| r.get(*k)) {
            theme::draw_cell(painter, *rect, *state);
            if *off {
                theme::draw_powered_off(painter, *rect);
            }
        }
    }
}

/// A frame round each isolated segment's block of cells, over the cells' states.
fn frame_isolated_segments(painter: &egui::Painter, estate: &Estate, network: &Network, map: &MapLayout) {
    for (segment, info) in estate.segments.iter().enumerate() {
        if !network.isolated.get(segment).copied().unwrap_or(false) {
            continue;
        }
        let block = if map.per_cell == 1 {
            info.hosts.iter().filter_map(|h| map.cells.get(*h as usize)).fold(Rect::NOTHING, |a, r| a.union(*r))
        } else {
            map.cells.iter().zip(&map.units).filter(|(_, (s, _))| *s as usize == segment).fold(Rect::NOTHING, |a, (r, _)| a.union(*r))
        };
        if block.is_positive() {
            painter.rect_stroke(block.expand(1.5), 0.0, theme::isolated_stroke(), egui::StrokeKind::Outside);
        }
    }
}

/// The host or segment under the pointer, and the host clicked.
fn pointed_at(response: &egui::Response, map: &MapLayout) -> MapResponse {
    let mut out = MapResponse::default();
    if let Some(pointer) = response.hover_pos() {
        let cell = map.cells.iter().position(|r| r.contains(pointer));
        if map.per_cell == 1 {
            out.hovered_host = cell.map(|i| i as u32);
            out.hovered_segment = map.segments.iter().find(|(_, r)| r.contains(pointer)).map(|(s, _)| *s);
        } else {
            // A cell of many hosts tells of its segment.
            out.hovered_segment =
                cell.map(|i| map.units[i].0).or_else(|| map.segments.iter().find(|(_, r)| r.contains(pointer)).map(|(s, _)| *s));
        }
    }
    if response.clicked() {
        out.clicked_host = out.hovered_host;
    }
    out
}

/// A segment's name without its site's name in front, which the box already says.
fn segment_label(estate: &Estate, segment: u32) -> String {
    let info = &estate.segments[segment as usize];
    let site = estate.scenario.sites.get(info.site as usize).map_or("", |s| short_site_name(&s.name));
    let first_word = site.split([' ', '-']).next().unwrap_or(site);
    let rest = info.name.strip_prefix(site).or_else(|| info.name.strip_prefix(first_word)).unwrap_or(&info.name).trim();
    if rest.is_empty() { info.name.clone() } else { rest.to_string() }
}
