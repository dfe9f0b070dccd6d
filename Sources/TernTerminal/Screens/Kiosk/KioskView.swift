import TernStore
import TernText
import TernViewModels

/// Draws the kiosk as a pure function of ``KioskState``: the search line, the listings, the
/// selected listing with its QR code, the attract screen, the calm "being updated" screen, and
/// the staff prompt over them. Only listing text is ever drawn, through the sanitizer.
enum KioskView {
    static func frame(_ state: KioskState, size: Size) -> Frame {
        var state = state
        state.size = size
        var grid = CellGrid(width: size.width, height: size.height)
        if state.isTooSmall {
            TooSmall.draw(into: &grid, screen: Rect(x: 0, y: 0, width: size.width, height: size.height),
                          minimumWidth: KioskState.minimumSize.width, minimumHeight: KioskState.minimumSize.height)
            return Frame(grid: grid)
        }
        var cursor: (x: Int, y: Int)?
        switch state.mode {
        case .unavailable: drawUnavailable(into: &grid, size: size)
        case .attract(let index): drawAttract(state, index: index, into: &grid)
        case .browsing: cursor = drawBrowsing(state, into: &grid)
        }
        if let pin = state.pin { cursor = drawPIN(pin, state, into: &grid) }
        return Frame(grid: grid, cursor: cursor)
    }

    // MARK: - Layout, shared with the update

    static func body(_ state: KioskState) -> Rect {
        Rect(x: 0, y: 2, width: state.size.width, height: max(0, state.size.height - 3))
    }

    static func listPane(_ state: KioskState) -> Rect {
        let body = body(state)
        return state.isWide ? body.splitColumns(at: body.width * 11 / 20).0 : body
    }

    static func detailPane(_ state: KioskState) -> Rect {
        let body = body(state)
        return state.isWide ? body.splitColumns(at: body.width * 11 / 20).1 : body
    }

    static func listArea(_ state: KioskState) -> Rect { listPane(state).inset(by: state.large ? 2 : 1) }

    /// Where the detail's text goes: the pane less the room the QR code (or the link) takes.
    static func detailTextArea(_ state: KioskState) -> Rect {
        let inner = detailPane(state).inset(by: state.large ? 2 : 1)
        let reserved = applyRows(state.qrCode, link: state.applyLink, width: inner.width, height: inner.height)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - reserved))
    }

    /// Whether the detail pane has room for the QR code, or shows the link alone.
    static func showsCode(_ state: KioskState) -> Bool {
        let inner = detailPane(state).inset(by: state.large ? 2 : 1)
        guard let code = state.qrCode, state.applyLink != nil else { return false }
        return fitsCode(code, width: inner.width, height: inner.height)
    }

    /// The key bar's last words: scan the code where one is drawn, else open the link.
    static func applyHint(_ state: KioskState) -> String {
        guard state.detail != nil, state.applyLink != nil else { return "" }
        return showsCode(state) ? " · scan the code to apply" : " · open this link to apply"
    }

    static func detailLineCount(_ state: KioskState) -> Int {
        TextView.layout(detailBlocks(state.detail), width: detailTextArea(state).width - 1).count
    }

    /// Rows the apply part takes at the bottom: the code and the link under it when the code
    /// fits with at least 8 rows left for the text; else the link alone.
    static func applyRows(_ code: QRCode?, link: String?, width: Int, height: Int) -> Int {
        guard let link else { return 2 }
        if let code, fitsCode(code, width: width, height: height) { return code.drawnHeight + 2 }
        return 2 + linkLines(link, width: width).count
    }

    static func fitsCode(_ code: QRCode, width: Int, height: Int) -> Bool {
        code.drawnWidth <= width && code.drawnHeight + 2 + 8 <= height
    }

    /// The link alone, cut into lines of `width` columns (at most 4): with no code to scan, all
    /// of it must be there to type.
    static func linkLines(_ link: String, width: Int) -> [String] {
        var lines: [String] = [], line = "", used = 0
        for character in Sanitizer.line(link) {
            let columns = DisplayWidth.of(character)
            if used + columns > width, !line.isEmpty {
                lines.append(line)
                (line, used) = ("", 0)
            }
            line.append(character)
            used += columns
        }
        if !line.isEmpty { lines.append(line) }
        return lines.count > 4 ? Array(lines.prefix(3)) + [TextLayout.truncate(lines[3...].joined(), to: width)] : lines
    }

    // MARK: - Browsing

    private static func drawBrowsing(_ state: KioskState, into grid: inout CellGrid) -> (x: Int, y: Int)? {
        let width = state.size.width
        let count = "\(state.listingCount)\(state.isCounting ? "+" : "") open listing\(state.listingCount == 1 && !state.isCounting ? "" : "s") "
        // The title gives way to the count, with "…" and a space between, rather than running into it.
        let title = " Tern · micro-internships: find one, scan its code, apply from your phone"
        grid.write(TextLayout.truncate(title, to: max(0, width - DisplayWidth.of(count) - 1)), x: 0, y: 0, style: .accent)
        grid.write(count, x: max(0, width - DisplayWidth.of(count)), y: 0, style: .muted)
        let label = " Search: "
        grid.write(label, x: 0, y: 1, style: .accent)
        let keys = state.keys
        let field = "   Field: \(state.field?.label ?? "All") (\(keys.shown(.nextField)))"
        let fieldWidth = DisplayWidth.of(field)
        let labelWidth = DisplayWidth.of(label)
        let caret = state.search.draw(into: &grid, area: Rect(x: labelWidth, y: 1, width: max(0, width - labelWidth - fieldWidth - 1), height: 1),
                                      focused: state.pin == nil)
        grid.write(field, x: max(0, width - fieldWidth - 1), y: 1, style: .muted)
        if state.isWide || !state.showingDetail { drawList(state, into: &grid) }
        if state.isWide || state.showingDetail { drawDetail(state, into: &grid) }
        // Enter reads at every size: on a wide screen the detail takes the keys (its pane framed
        // as focused) so a long brief scrolls, and Esc gives them back to the list.
        let hints = state.showingDetail
            ? "\(keys.shown(.moveUp))/\(keys.shown(.moveDown)) \(keys.shown(.pageUp))/\(keys.shown(.pageDown)) scroll · \(keys.shown(.back)) back to the list" + applyHint(state)
            : "type to search · \(keys.shown(.moveUp))/\(keys.shown(.moveDown)) choose · \(keys.shown(.open)) read · \(keys.shown(.nextField)) field · \(keys.shown(.back)) clear"
                + (state.isWide ? applyHint(state) : "")
        WidgetSupport.write(&grid, " " + hints, x: 0, y: state.size.height - 1, maxWidth: width, style: .muted)
        return caret
    }

    private static func drawList(_ state: KioskState, into grid: inout CellGrid) {
        _ = Pane.draw(into: &grid, area: listPane(state), title: "Listings", focused: !state.showingDetail, box: state.box)
        let area = listArea(state)
        guard state.listingCount > 0 else {
            let message = state.search.text.isEmpty && state.field == nil ? "No open listings just now." : "Nothing matches. \(state.keys.shown(.back)) clears the search."
            WidgetSupport.write(&grid, message, x: area.x, y: area.y, maxWidth: area.width, style: .muted)
            return
        }
        let list = state.listings.state
        for (offset, listing) in state.listings.visibleRows.enumerated() {
            let y = area.y + offset * state.rowHeight
            guard y + 1 < area.maxY || (y < area.maxY && state.rowHeight == 1) else { break }
            let selected = list.offset + offset == list.selected
            let title = TextLayout.pad(TextLayout.truncate(Sanitizer.line(listing.title), to: area.width - 2), to: area.width - 2)
            grid.write((selected ? "▸ " : "  ") + title, x: area.x, y: y, style: selected ? .selected : Style(.text, bold: true))
            WidgetSupport.write(&grid, TextLayout.truncate("  " + facts(listing, today: state.today), to: area.width),
                                x: area.x, y: y + 1, maxWidth: area.width, style: .muted)
        }
    }

    /// "Acme Studio · USD 40/h · 12 h · closes 2026-12-20 (in 19 days)".
    static func facts(_ listing: OpportunitySummary, today: CalendarDay) -> String {
        let days = today.days(until: listing.deadline)
        let closes = days == 0 ? "closes today" : "closes \(listing.deadline) (in \(days) day\(days == 1 ? "" : "s"))"
        return [listing.organization, PayText.compact(listing.compensationKind, listing.compensation), "\(listing.hours) h",
                listing.locationKind.label, closes].joined(separator: " · ")
    }

    private static func drawDetail(_ state: KioskState, into grid: inout CellGrid) {
        _ = Pane.draw(into: &grid, area: detailPane(state), title: "Listing", focused: state.showingDetail || !state.isWide, box: state.box)
        let text = detailTextArea(state)
        TextView.draw(into: &grid, area: text, lines: TextView.layout(detailBlocks(state.detail), width: text.width - 1),
                      scroll: state.detailScroll)
        let inner = detailPane(state).inset(by: state.large ? 2 : 1)
        guard state.detail != nil else { return }
        drawApply(state.qrCode, link: state.applyLink, into: &grid,
                  area: Rect(x: inner.x, y: text.maxY, width: inner.width, height: inner.maxY - text.maxY))
    }

    /// The code, centred, and the link under it; or the link alone; or where to ask.
    static func drawApply(_ code: QRCode?, link: String?, into grid: inout CellGrid, area: Rect) {
        guard let link else {
            WidgetSupport.write(&grid, "To apply, ask at the career center desk.", x: area.x, y: area.maxY - 1, maxWidth: area.width, style: .accent)
            return
        }
        let shown = TextLayout.truncate(Sanitizer.line(link), to: area.width)
        if let code, area.height >= code.drawnHeight + 2, code.drawnWidth <= area.width {
            let x = area.x + (area.width - code.drawnWidth) / 2
            QRCode.draw(code, into: &grid, x: x, y: area.y)
            WidgetSupport.write(&grid, shown, x: area.x + max(0, (area.width - DisplayWidth.of(shown)) / 2), y: area.y + code.drawnHeight,
                                maxWidth: area.width, style: .accent)
        } else {
            let lines = linkLines(link, width: area.width).suffix(max(0, area.height - 1))
            WidgetSupport.write(&grid, "Apply at:", x: area.x, y: area.maxY - 1 - lines.count, maxWidth: area.width, style: .muted)
            for (offset, line) in lines.enumerated() {
                WidgetSupport.write(&grid, line, x: area.x, y: area.maxY - lines.count + offset, maxWidth: area.width, style: .accent)
            }
        }
    }

    /// A listing as the public may read it: the one listing renderer with nothing of anyone's added.
    static func detailBlocks(_ detail: ListingDetail?) -> [TextBlock] {
        guard let detail else { return [.paragraph("Choose a listing to read about it.")] }
        return ListingDetailBlocks.blocks(detail)
    }

    // MARK: - Attract, unavailable, the PIN

    private static func drawAttract(_ state: KioskState, index: Int, into grid: inout CellGrid) {
        let size = state.size
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        _ = Pane.draw(into: &grid, area: screen, title: "Featured micro-internships", focused: true, box: state.box)
        let inner = screen.inset(by: 2)
        let counter = "\(index + 1) of \(state.featured.count)"
        grid.write(counter, x: inner.maxX - DisplayWidth.of(counter), y: 0, style: .muted)
        let reserved = applyRows(state.featuredQR, link: state.featuredLink, width: inner.width, height: inner.height - 2)
        let text = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - reserved - 2))
        TextView.draw(into: &grid, area: text, lines: TextView.layout(detailBlocks(state.featuredDetail), width: text.width - 1), scroll: 0)
        drawApply(state.featuredQR, link: state.featuredLink, into: &grid,
                  area: Rect(x: inner.x, y: text.maxY, width: inner.width, height: max(0, inner.maxY - 2 - text.maxY)))
        let prompt = "Press any key to browse every listing"
        grid.write(prompt, x: max(0, (size.width - DisplayWidth.of(prompt)) / 2), y: size.height - 2, style: .accent)
    }

    private static func drawUnavailable(into grid: inout CellGrid, size: Size) {
        let lines = ["Listings are being updated.", "", "This screen comes back by itself in a moment."]
        for (offset, line) in lines.enumerated() {
            grid.write(line, x: max(0, (size.width - DisplayWidth.of(line)) / 2), y: size.height / 2 - 1 + offset, style: offset == 0 ? .accent : .muted)
        }
    }

    private static func drawPIN(_ pin: PINPrompt, _ state: KioskState, into grid: inout CellGrid) -> (x: Int, y: Int)? {
        let width = min(56, state.size.width - 4), height = 6
        let area = Rect(x: (state.size.width - width) / 2, y: (state.size.height - height) / 2, width: width, height: height)
        WidgetSupport.fill(&grid, area)
        let inner = Pane.draw(into: &grid, area: area, title: "Staff", focused: true, box: state.box)
        grid.write("PIN to leave the kiosk (Esc closes):", x: inner.x, y: inner.y, style: .plain)
        if pin.outdated {
            WidgetSupport.write(&grid, "an old, short PIN: change it (tern kiosk --set-pin)", x: inner.x, y: inner.y + 1, maxWidth: inner.width, style: .muted)
        }
        // One dot per character typed, never the characters, and never wider than the box.
        let dots = String(repeating: "•", count: min(pin.field.text.count, inner.width))
        grid.write(dots, x: inner.x, y: inner.y + 2, style: .accent)
        if let message = pin.message { WidgetSupport.write(&grid, message, x: inner.x, y: inner.y + 3, maxWidth: inner.width, style: .error) }
        return (inner.x + DisplayWidth.of(dots), inner.y + 2)
    }
}
