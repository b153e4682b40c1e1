extension SafeText {
    /// `text` made safe (`displayScalars`) and, when wider than `width` cells, shortened in
    /// the middle: the start and the end stay, which in a run's path are its study folder and
    /// its own name (`olmo-ladder/…/190M-1xC`). The end gets the larger share, since that is
    /// where runs of one study differ.
    public static func shortened(_ text: String, toWidth width: Int) -> String {
        let scalars = displayScalars(text)
        let total = scalars.reduce(0) { $0 + cellWidth($1) }
        var view = String.UnicodeScalarView()
        guard total > width else {
            view.append(contentsOf: scalars)
            return String(view)
        }
        guard width > 1 else { return width == 1 ? "…" : "" }
        let tailBudget = (width - 1) * 3 / 5
        let headBudget = width - 1 - tailBudget
        var head: [Unicode.Scalar] = [], used = 0
        for s in scalars {
            guard used + cellWidth(s) <= headBudget else { break }
            head.append(s)
            used += cellWidth(s)
        }
        var tail: [Unicode.Scalar] = []
        used = 0
        // What the head left over goes to the tail (a wide character may not fit exactly).
        let tailRoom = width - 1 - head.reduce(0) { $0 + cellWidth($1) }
        for s in scalars.reversed() {
            guard used + cellWidth(s) <= tailRoom else { break }
            tail.append(s)
            used += cellWidth(s)
        }
        view.append(contentsOf: head)
        view.append("…")
        view.append(contentsOf: tail.reversed())
        return String(view)
    }

    /// Cells `text` takes once made safe.
    public static func width(_ text: String) -> Int {
        // Printable ASCII is one cell a byte, shown as it is: the runs table measures every
        // run's name per frame (10,000 arrays of scalars otherwise).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return displayScalars(text).reduce(0) { $0 + cellWidth($1) }
    }
}
