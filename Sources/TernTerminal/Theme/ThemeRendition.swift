/// The terminal's own colours, which Tern cannot see: a theme that keeps them ("default") is
/// drawn so that it reads on a dark terminal (white on black) and on a light one (black on white).
public enum TerminalPolarity: Sendable, CaseIterable {
    case dark, light

    /// The terminal's own background under this polarity.
    public var background: Contrast.RGB { self == .dark ? (0, 0, 0) : (255, 255, 255) }
    /// The terminal's own foreground under this polarity.
    public var foreground: Contrast.RGB { self == .dark ? (255, 255, 255) : (0, 0, 0) }
}

/// A theme as a terminal of some depth draws it: every role degraded to a colour the terminal
/// has, chosen so the contrast still holds, and the selection bar either the theme's colour or,
/// where no colour can keep both its contrasts, reverse video.
///
/// Plain nearest-colour degrading loses contrast: on an 8-colour xterm the default theme's grey
/// border becomes black (invisible on a black terminal) and its blue selection bar becomes cyan,
/// under which white text reads at about 2:1. So each foreground takes the nearest colour that
/// reaches its minimum against the background on every polarity the theme leaves open:
///
/// - `text` 4.5:1 (WCAG 1.4.3), on the background and on the selection bar;
/// - borders 3:1 (WCAG 1.4.11);
/// - coloured text (muted, accent, error, success, statuses) 4.5:1 on a background the theme
///   paints itself, 3:1 on the terminal's own: no colour but a handful reaches 4.5:1 on both
///   black and white, so a theme that keeps the terminal's background cannot ask it of colours.
///   Their meaning is also carried by words, never by the colour alone.
///
/// ```swift
/// let eight = ThemeRendition(theme: .builtInDefault, depth: .eight)
/// eight.selectionReversed   // true: no 8-colour bar keeps white and black text readable
/// ```
public struct ThemeRendition: Sendable {
    public let depth: ColorDepth
    /// Every role's colour at ``depth``.
    public private(set) var colors: [ColorRole: ColorValue] = [:]
    /// The selection bar is drawn as reverse video of text on the background instead of in the
    /// theme's selection colour.
    public private(set) var selectionReversed = false
    /// Roles whose colour is not the plain nearest one, because that one missed its contrast.
    public private(set) var adjusted: [ColorRole] = []

    public init(theme: Theme, depth: ColorDepth) {
        self.depth = depth
        guard depth != .none, !theme.monochrome else {
            colors = Dictionary(uniqueKeysWithValues: ColorRole.all.map { ($0, ColorValue.default) })
            return
        }
        let background = ColorMapping.degrade(theme.color(.background), to: depth)
        colors[.background] = background
        let ownBackground = background != .default
        // Text first: a colour that cannot reach its contrast falls back to it.
        for role in [ColorRole.text] + ColorRole.all where role != .background && role != .selection && colors[role] == nil {
            let minimum: Double
            switch role {
            case .text: minimum = Contrast.text
            case .border, .focusedBorder: minimum = Contrast.nonText
            default: minimum = ownBackground ? Contrast.text : Contrast.nonText
            }
            colors[role] = pick(theme.color(role), role: role, against: background, minimum: minimum)
        }
        let selection = ColorMapping.degrade(theme.color(.selection), to: depth)
        colors[.selection] = selection
        selectionReversed = !Self.selectionReads(selection, text: colors[.text]!, background: background)
    }

    /// The colour of `role` at this depth.
    public func color(_ role: ColorRole) -> ColorValue { colors[role] ?? .default }

    /// Whether a bar of `selection` stands out 3:1 from `background` and `text` on it reads 4.5:1,
    /// on every polarity.
    static func selectionReads(_ selection: ColorValue, text: ColorValue, background: ColorValue) -> Bool {
        TerminalPolarity.allCases.allSatisfy { polarity in
            let bar = rgb(selection, polarity, isBackground: true)
            return Contrast.ratio(bar, rgb(background, polarity, isBackground: true)) >= Contrast.nonText
                && Contrast.ratio(rgb(text, polarity, isBackground: false), bar) >= Contrast.text
        }
    }

    /// What a colour looks like on a terminal of `polarity` (xterm's default palette for 0–15).
    public static func rgb(_ value: ColorValue, _ polarity: TerminalPolarity, isBackground: Bool) -> Contrast.RGB {
        switch value {
        case .index256(let index): ColorMapping.rgb(index)
        case .default: isBackground ? polarity.background : polarity.foreground
        }
    }

    /// The weakest contrast of `foreground` on `background` over the polarities.
    public static func worstRatio(_ foreground: ColorValue, on background: ColorValue) -> Double {
        TerminalPolarity.allCases.map {
            Contrast.ratio(rgb(foreground, $0, isBackground: false), rgb(background, $0, isBackground: true))
        }.min()!
    }

    /// The nearest colour to `wanted` this depth has that reaches `minimum` on `background`;
    /// the text colour when none does (text reaches 4.5:1, more than any role asks).
    private mutating func pick(_ wanted: ColorValue, role: ColorRole, against background: ColorValue, minimum: Double) -> ColorValue {
        let nearest = ColorMapping.degrade(wanted, to: depth)
        if Self.worstRatio(nearest, on: background) >= minimum { return nearest }
        guard case .index256(let index) = wanted else { return nearest }
        let found = ColorMapping.candidates(near: index, depth: depth).first {
            Self.worstRatio(.index256($0), on: background) >= minimum
        }
        guard role != .text else {
            if let found { adjusted.append(role); return .index256(found) }
            return nearest
        }
        adjusted.append(role)
        return found.map(ColorValue.index256) ?? colors[.text]!
    }
}
