import TernStore

/// What a cell's colour *means*. Views speak in roles; a ``Theme`` decides the colours, and the
/// backend degrades them (256 → 8 colours → monochrome) without the views knowing.
public enum ColorRole: Hashable, Sendable {
    case background, text, muted, accent, selection, border, focusedBorder, error, success
    /// One colour per application status, so a status reads the same in every pane.
    case status(ApplicationStatus)
    /// A QR code's dark and light modules: black and white whatever the theme (never in a theme
    /// file, not in ``all``), so the code scans dark on light on a dark terminal too.
    case codeDark, codeLight

    /// The colour of a role no theme may change, nil for the theme's roles.
    public var fixedColor: ColorValue? {
        switch self {
        // 16 and 231 from the fixed cube, never a palette the user redefined; on 16 or 8
        // colours they become black and (bright) white.
        case .codeDark: .index256(16)
        case .codeLight: .index256(231)
        default: nil
        }
    }

    public var isFixed: Bool { fixedColor != nil }

    /// Every role, for theme validation and colour-pair allocation.
    public static let all: [ColorRole] =
        [.background, .text, .muted, .accent, .selection, .border, .focusedBorder, .error, .success]
        + ApplicationStatus.allCases.map(ColorRole.status)

    /// The key naming this role in a theme file: `text`, `status.under_review`.
    public var themeKey: String {
        switch self {
        case .background: "background"
        case .text: "text"
        case .muted: "muted"
        case .accent: "accent"
        case .selection: "selection"
        case .border: "border"
        case .focusedBorder: "focused_border"
        case .error: "error"
        case .success: "success"
        case .status(let status): "status.\(status.rawValue)"
        case .codeDark: "code_dark"
        case .codeLight: "code_light"
        }
    }
}

/// How a cell is drawn: a foreground role, an optional background role, and attributes that
/// still mean something on a monochrome terminal.
public struct Style: Hashable, Sendable {
    public var foreground: ColorRole
    public var background: ColorRole?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(_ foreground: ColorRole = .text, background: ColorRole? = nil, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
    public static let muted = Style(.muted)
    public static let accent = Style(.accent, bold: true)
    /// The selected row: reverse video keeps it visible even in monochrome.
    public static let selected = Style(.text, background: .selection, reverse: true)
    public static let error = Style(.error, bold: true)
}
