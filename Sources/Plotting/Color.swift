/// An sRGB colour with opacity, components in 0…1.
public struct Color: Equatable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    init(_ r: Int, _ g: Int, _ b: Int) {
        self.init(red: Double(r) / 255, green: Double(g) / 255, blue: Double(b) / 255)
    }

    /// The same colour with opacity `alpha`.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// `#rrggbb`, the form SVG attributes take (opacity is written separately).
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [red, green, blue] {
            let v = max(0, min(255, Int((c * 255).rounded())))
            s.append(digits[v >> 4])
            s.append(digits[v & 15])
        }
        return s
    }

    /// Makie's default palette: Wong's seven colours for colour-blind readers (Nature Methods 8, 441 (2011)).
    public static let wong: [Color] = [
        Color(0, 114, 178), Color(230, 159, 0), Color(0, 158, 115), Color(204, 121, 167),
        Color(86, 180, 233), Color(213, 94, 0), Color(240, 228, 66),
    ]

    public static let black = Color(0, 0, 0)
    public static let white = Color(255, 255, 255)

    /// A colour by CSS name (`:red`, `"steelblue"`) or `#rrggbb`; nil when unknown.
    public init?(named name: String) {
        let key = name.lowercased()
        if key.hasPrefix("#"), key.count == 7, let v = Int(key.dropFirst(), radix: 16) {
            self.init((v >> 16) & 255, (v >> 8) & 255, v & 255)
            return
        }
        guard let rgb = Color.names[key] else { return nil }
        self.init(rgb.0, rgb.1, rgb.2)
    }

    /// The colour names accepted, for error messages.
    public static var knownNames: [String] { names.keys.sorted() }

    private static let names: [String: (Int, Int, Int)] = [
        "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "green": (0, 128, 0),
        "blue": (0, 0, 255), "orange": (255, 165, 0), "purple": (128, 0, 128), "gray": (128, 128, 128),
        "grey": (128, 128, 128), "lightgray": (211, 211, 211), "lightgrey": (211, 211, 211),
        "darkgray": (169, 169, 169), "darkgrey": (169, 169, 169), "steelblue": (70, 130, 180),
        "firebrick": (178, 34, 34), "darkblue": (0, 0, 139), "darkred": (139, 0, 0), "darkgreen": (0, 100, 0),
        "navy": (0, 0, 128), "teal": (0, 128, 128), "brown": (165, 42, 42), "pink": (255, 192, 203),
        "gold": (255, 215, 0), "tomato": (255, 99, 71), "crimson": (220, 20, 60), "magenta": (255, 0, 255),
        "cyan": (0, 255, 255), "yellow": (255, 255, 0), "skyblue": (135, 206, 235), "salmon": (250, 128, 114),
        "olive": (128, 128, 0), "maroon": (128, 0, 0), "slategray": (112, 128, 144), "indigo": (75, 0, 130),
    ]
}
