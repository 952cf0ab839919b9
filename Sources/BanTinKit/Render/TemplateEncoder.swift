/// The one place where typed values become what templates read (`TemplateNode`), fingerprinted as they are made.
///
/// A field's name is its Swift name in snake case (`dateShort` → `date_short`, `bodyHTML` → `body_html`), so the
/// names templates use are the types' own (templates/README.md lists them; `TemplateDocsTests` checks it).
/// A nil optional is left out, absent rather than empty: swift-mustache renders a section over an empty string.
/// A value many pages show is encoded once (`Encoded`) and dropped into each page as it is, fingerprint included.
enum TemplateEncoder {
    static func node<Value: Encodable>(_ value: Value) -> TemplateNode {
        let encoder = NodeEncoder()
        // The encoder itself never throws, and the values' encodings are synthesized or forward to it.
        try! value.encode(to: encoder)
        return encoder.finished
    }

    /// The fields of a value encoded as an object (a struct).
    static func fields<Value: Encodable>(_ value: Value) -> TemplateFields {
        guard case .fields(let fields) = node(value) else { preconditionFailure("\(Value.self) is not an object") }
        return fields
    }

    /// `dateShort` → `date_short`, `appleTouchIconURL` → `apple_touch_icon_url`, `prevID` → `prev_id`.
    /// (Asked for every field of every page's values: on the bytes, without an array in between.)
    static func name(_ swiftName: String) -> String {
        var utf8 = swiftName
        return utf8.withUTF8 { bytes in
            func isUpper(_ index: Int) -> Bool { bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") }
            guard bytes.indices.contains(where: isUpper) else { return swiftName }
            return String(unsafeUninitializedCapacity: bytes.count * 2) { result in
                var count = 0
                for index in bytes.indices {
                    if isUpper(index) {
                        let afterLower = index > 0 && !isUpper(index - 1)
                        let endsAcronym = index > 0 && isUpper(index - 1) && index + 1 < bytes.count && !isUpper(index + 1)
                        if afterLower || endsAcronym {
                            result[count] = UInt8(ascii: "_")
                            count += 1
                        }
                        result[count] = bytes[index] + 32
                    } else {
                        result[count] = bytes[index]
                    }
                    count += 1
                }
                return count
            }
        }
    }
}

/// A value many pages show (a list entry with its rendered `html`, a menu, the site values): encoded for the
/// templates once per build, and held as it is, with its fingerprint, by every page that shows it.
struct Encoded<Value: Codable>: Codable {
    let value: Value
    let node: TemplateNode

    init(_ value: Value) {
        self.value = value
        node = TemplateEncoder.node(value)
    }

    func encode(to encoder: Encoder) throws {
        if let encoder = encoder as? NodeEncoder {
            encoder.single = node
        } else {
            try value.encode(to: encoder)
        }
    }

    init(from decoder: Decoder) throws {
        self.init(try Value(from: decoder))
    }
}

/// The fields of two values as one object (an article's list entry and what its page adds).
struct Joined<First: Codable, Second: Codable>: Codable {
    var first: First
    var second: Second

    init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    func encode(to encoder: Encoder) throws {
        try first.encode(to: encoder)
        try second.encode(to: encoder)
    }

    init(from decoder: Decoder) throws {
        first = try First(from: decoder)
        second = try Second(from: decoder)
    }
}

final class NodeEncoder: Encoder {
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// A single value encoded (text, number, flag, or a node encoded before).
    var single: TemplateNode?
    /// The object being filled: a second `container(keyedBy:)` adds to it (`Joined`).
    fileprivate var values: [String: TemplateNode]?
    fileprivate var entrySum: UInt64 = 0
    fileprivate var items: [TemplateNode]?

    var finished: TemplateNode {
        if let values { return .fields(TemplateFields(values: values, entrySum: entrySum)) }
        if let items { return .list(TemplateList(items)) }
        return single ?? .fields(.empty)
    }

    fileprivate func set(_ name: String, _ node: TemplateNode) {
        if let old = values![name] { entrySum &-= TemplateNode.entryFingerprint(name, old) }
        values![name] = node
        entrySum &+= TemplateNode.entryFingerprint(name, node)
    }

    fileprivate func remove(_ name: String) {
        if let old = values!.removeValue(forKey: name) { entrySum &-= TemplateNode.entryFingerprint(name, old) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if values == nil {
            // A value encoded before (`Encoded`) whose fields this object continues.
            if case .fields(let fields) = single {
                values = fields.values
                entrySum = fields.entrySum
            } else {
                values = [:]
            }
            single = nil
        }
        return KeyedEncodingContainer(KeyedWriter<Key>(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if items == nil { items = [] }
        return ListWriter(encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleWriter(encoder: self) }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: NodeEncoder
    var codingPath: [CodingKey] { [] }

    private func set(_ node: TemplateNode, _ key: Key) { encoder.set(TemplateEncoder.name(key.stringValue), node) }

    mutating func encodeNil(forKey key: Key) throws { encoder.remove(TemplateEncoder.name(key.stringValue)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.flag(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.text(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(.text(String(value)), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(.text(String(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.number(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.number(Int(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.number(Int(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.number(Int(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.number(Int(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(.number(Int(truncatingIfNeeded: value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.number(Int(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.number(Int(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.number(Int(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.number(Int(truncatingIfNeeded: value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { set(TemplateEncoder.node(value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("page values encode nested values as values of their own")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        preconditionFailure("page values encode nested values as values of their own")
    }

    mutating func superEncoder() -> Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> Encoder { preconditionFailure("page values have no super encoders") }
}

private struct ListWriter: UnkeyedEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [CodingKey] { [] }
    var count: Int { encoder.items!.count }

    private func append(_ node: TemplateNode) { encoder.items!.append(node) }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { append(.flag(value)) }
    mutating func encode(_ value: String) throws { append(.text(value)) }
    mutating func encode(_ value: Double) throws { append(.text(String(value))) }
    mutating func encode(_ value: Float) throws { append(.text(String(value))) }
    mutating func encode(_ value: Int) throws { append(.number(value)) }
    mutating func encode(_ value: Int8) throws { append(.number(Int(value))) }
    mutating func encode(_ value: Int16) throws { append(.number(Int(value))) }
    mutating func encode(_ value: Int32) throws { append(.number(Int(value))) }
    mutating func encode(_ value: Int64) throws { append(.number(Int(value))) }
    mutating func encode(_ value: UInt) throws { append(.number(Int(truncatingIfNeeded: value))) }
    mutating func encode(_ value: UInt8) throws { append(.number(Int(value))) }
    mutating func encode(_ value: UInt16) throws { append(.number(Int(value))) }
    mutating func encode(_ value: UInt32) throws { append(.number(Int(value))) }
    mutating func encode(_ value: UInt64) throws { append(.number(Int(truncatingIfNeeded: value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { append(TemplateEncoder.node(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("page values encode nested values as values of their own")
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        preconditionFailure("page values encode nested values as values of their own")
    }

    mutating func superEncoder() -> Encoder { preconditionFailure("page values have no super encoders") }
}

private struct SingleWriter: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [CodingKey] { [] }

    private func set(_ node: TemplateNode) { encoder.single = node }

    mutating func encodeNil() throws {}
    mutating func encode(_ value: Bool) throws { set(.flag(value)) }
    mutating func encode(_ value: String) throws { set(.text(value)) }
    mutating func encode(_ value: Double) throws { set(.text(String(value))) }
    mutating func encode(_ value: Float) throws { set(.text(String(value))) }
    mutating func encode(_ value: Int) throws { set(.number(value)) }
    mutating func encode(_ value: Int8) throws { set(.number(Int(value))) }
    mutating func encode(_ value: Int16) throws { set(.number(Int(value))) }
    mutating func encode(_ value: Int32) throws { set(.number(Int(value))) }
    mutating func encode(_ value: Int64) throws { set(.number(Int(value))) }
    mutating func encode(_ value: UInt) throws { set(.number(Int(truncatingIfNeeded: value))) }
    mutating func encode(_ value: UInt8) throws { set(.number(Int(value))) }
    mutating func encode(_ value: UInt16) throws { set(.number(Int(value))) }
    mutating func encode(_ value: UInt32) throws { set(.number(Int(value))) }
    mutating func encode(_ value: UInt64) throws { set(.number(Int(truncatingIfNeeded: value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(TemplateEncoder.node(value)) }
}
