import HallWire

extension JSONWriter {
  /// `[{…}, …]`: one object per item, its fields written by `fields`.
  mutating func objects<Item>(_ items: [Item], _ fields: (inout JSONWriter, Item) -> Void) {
    beginArray()
    for item in items {
      element()
      beginObject()
      fields(&self, item)
      endObject()
    }
    endArray()
  }

  /// `"name":value`, one field of an object.
  mutating func field(_ name: StaticString, _ value: String?) {
    key(name)
    string(value)
  }

  mutating func field(_ name: StaticString, _ value: some BinaryInteger) {
    key(name)
    int(Int64(value))
  }
}
