/// The values a choice or checklist offers, in the order shown, each with its title: one list,
/// so a value and its title cannot drift apart, and an index read back from a form is either
/// one of them or a mistake that stops the program.
///
/// ```swift
/// let pay = Choices(CompensationKind.allCases, title: \.label)
/// pay.titles        // ["Unpaid", "Stipend", …]
/// pay.value(at: 1)  // .stipend
/// ```
struct Choices<Value> {
    let values: [Value]
    let titles: [String]

    init(_ values: [Value], title: (Value) -> String) {
        self.values = values
        titles = values.map(title)
    }

    /// The value shown at `index`. A form built from these choices cannot hold another index:
    /// one that does is a mistake in the code, never clamped to a neighbour.
    func value(at index: Int) -> Value {
        precondition(values.indices.contains(index), "choice \(index) is not one of the \(values.count) offered (\(titles))")
        return values[index]
    }
}

extension Choices: Sendable where Value: Sendable {}

extension Choices where Value: Equatable {
    /// Where `value` is shown; a value not offered (a guest's "best match" sort) opens on the
    /// first choice.
    func index(of value: Value) -> Int { values.firstIndex(of: value) ?? 0 }

    /// Where each value in `set` is shown.
    func indices(of set: Set<Value>) -> Set<Int> where Value: Hashable {
        Set(values.indices.filter { set.contains(values[$0]) })
    }
}

extension Choices where Value: CaseIterable, Value.AllCases == [Value] {
    /// Every case, in declaration order.
    init(allCases title: (Value) -> String) {
        self.init(Value.allCases, title: title)
    }
}
