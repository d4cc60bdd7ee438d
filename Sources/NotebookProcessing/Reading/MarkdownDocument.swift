import Foundation
import CCmarkGFM

/// cmark-gfm setup and a parsed GitHub-flavoured Markdown document.
public enum Markdown {
    /// Registers the GFM extensions. cmark-gfm's registry is not thread-safe: call this once at start-up,
    /// before any worker threads; later calls do nothing (Swift runs a static initializer exactly once).
    public static func prepare() {
        _ = registration
    }

    private static let registration: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    /// The extensions attached to every parser.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
}

/// A cmark-gfm parse tree together with the parser that owns its extensions (needed while rendering).
final class MarkdownDocument {
    let parser: OpaquePointer
    let root: OpaquePointer

    init(_ text: String) {
        Markdown.prepare()
        let options = CMARK_OPT_DEFAULT
        let parser: OpaquePointer = cmark_parser_new(options)
        for name in Markdown.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                cmark_parser_feed(parser, pointer, buffer.count)
            }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// The top-level block nodes in document order.
    var topLevelNodes: [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        var node = cmark_node_first_child(root)
        while let current = node {
            nodes.append(current)
            node = cmark_node_next(current)
        }
        return nodes
    }

    /// Every fenced code block at any depth, with whether it sits directly in the document.
    var allCodeBlocks: [(node: OpaquePointer, topLevel: Bool)] {
        var blocks: [(OpaquePointer, Bool)] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator),
                  cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  Self.typeName(node) == "code_block" else { continue }
            blocks.append((node, cmark_node_parent(node) == root))
        }
        return blocks
    }

    /// Replaces top-level nodes: where `replacement` returns a string, the node becomes a paragraph of that text
    /// (a placeholder the caller swaps for its own HTML after rendering); an empty string removes the node.
    func replaceTopLevelNodes(_ replacement: (OpaquePointer) -> String?) {
        for node in topLevelNodes {
            guard let text = replacement(node) else { continue }
            if !text.isEmpty {
                let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)
                let literal = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(literal, text)
                cmark_node_append_child(paragraph, literal)
                cmark_node_insert_before(node, paragraph)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// Renders the tree to HTML with the GFM extensions (raw HTML in the prose is left out, as GitHub does).
    func renderHTML() -> String {
        guard let html = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }

    static func typeName(_ node: OpaquePointer) -> String {
        guard let name = cmark_node_get_type_string(node) else { return "" }
        return String(cString: name)
    }

    static func fenceInfo(_ node: OpaquePointer) -> String {
        guard let info = cmark_node_get_fence_info(node) else { return "" }
        return String(cString: info)
    }

    /// The fence of a code block: character, length and indentation; nil for an indented block.
    static func fence(_ node: OpaquePointer) -> (character: Character, length: Int, indent: Int)? {
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(node, &length, &offset, &character) != 0 else { return nil }
        return (Character(UnicodeScalar(UInt8(bitPattern: character))), Int(length), Int(offset))
    }

    /// The concatenated text of a node's inline descendants (for headings).
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator),
                  cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            let name = typeName(current)
            if name == "text" || name == "code", let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else if name == "softbreak" || name == "linebreak" {
                text += " "
            }
        }
        return text
    }
}

func cmarkStartLine(_ node: OpaquePointer) -> Int32 { cmark_node_get_start_line(node) }
func cmarkEndLine(_ node: OpaquePointer) -> Int32 { cmark_node_get_end_line(node) }
