import ArgumentParser
import Workloads

/// `streamtop list`: every workload with what it does and the parameters it takes.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the workloads and their parameters (type, default, allowed values).",
        discussion: "Give a parameter to `streamtop run NAME` as --NAME VALUE.")

    func run() {
        for (index, workload) in Catalog.all.enumerated() {
            if index > 0 { print("") }
            print("\(workload.name) — \(workload.summary)")
            let table = WorkloadTable(
                title: "", columns: ["  flag", "type", "default", "allowed", "meaning"],
                rows: workload.parameters.map { ["  --\($0.name)", $0.typeName, $0.defaultText, $0.allowed, $0.summary] })
            for line in table.render(leftAligned: true).dropFirst() { print(line.trimmingTrailingSpaces) }
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
