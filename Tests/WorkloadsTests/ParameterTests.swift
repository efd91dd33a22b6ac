import Engine
import Testing
import Workloads

/// Parsing and range-checking of each parameter kind, against hand-written expectations.
struct ParameterTests {
    let size = WorkloadParameter("size", .integer(1...1000), default: "10", "elements")
    let sizes = WorkloadParameter("sizes", .integerList(1...100, maxCount: 3), default: "1,2", "sizes")
    let pair = WorkloadParameter("placement", .placement(arity: 2, options: ["cpu,cpu", "cpu,gpu"]), default: "all", "devices")

    @Test("integers parse within the range, with surrounding spaces")
    func integers() throws {
        #expect(try size.parse("1") == .integer(1))
        #expect(try size.parse(" 1000 ") == .integer(1000))
    }

    @Test(
        "bad integers name the parameter, the value and the allowed range",
        arguments: [("0", "is out of range"), ("-3", "is out of range"), ("1001", "is out of range"), ("abc", "is not an integer"),
                    ("", "is empty"), ("  ", "is empty"), ("1.5", "is not an integer"), ("99999999999999999999", "is out of range"), ("-99999999999999999999", "is out of range"), ("12ab", "is not an integer")])
    func badIntegers(text: String, problem: String) {
        #expect(throws: WorkloadError.badValue(parameter: "size", value: text, problem: problem, allowed: "1…1000")) {
            try size.parse(text)
        }
    }

    @Test("integer lists: every item checked, count bounded")
    func lists() throws {
        #expect(try sizes.parse("4, 8,100") == .integers([4, 8, 100]))
        let allowed = "1 to 3 comma-separated integers, each 1…100"
        #expect(throws: WorkloadError.badValue(parameter: "sizes", value: "4,x", problem: "'x' is not an integer", allowed: allowed)) {
            try sizes.parse("4,x")
        }
        #expect(throws: WorkloadError.badValue(parameter: "sizes", value: "4,,5", problem: "'' is not an integer", allowed: allowed)) {
            try sizes.parse("4,,5")
        }
        #expect(throws: WorkloadError.badValue(parameter: "sizes", value: "1,2,3,4", problem: "has 4 values", allowed: allowed)) {
            try sizes.parse("1,2,3,4")
        }
        #expect(throws: WorkloadError.badValue(parameter: "sizes", value: "0", problem: "0 is out of range", allowed: allowed)) {
            try sizes.parse("0")
        }
    }

    @Test("placements: device names, arity, all, and a typo is an error rather than the CPU")
    func placements() throws {
        #expect(try pair.parse("cpu,gpu") == .placements([Placement([.cpu, .gpu(0)])], all: false))
        #expect(try pair.parse("gpu:1,CPU") == .placements([Placement([.gpu(1), .cpu])], all: false))
        #expect(try pair.parse("all") == .placements([Placement([.cpu, .cpu]), Placement([.cpu, .gpu(0)])], all: true))
        let allowed = pair.allowed
        #expect(throws: WorkloadError.badValue(parameter: "placement", value: "cpu,gpy", problem: "'gpy' is not a device", allowed: allowed)) {
            try pair.parse("cpu,gpy")
        }
        #expect(throws: WorkloadError.badValue(parameter: "placement", value: "cpu", problem: "names 1 device, not 2", allowed: allowed)) {
            try pair.parse("cpu")
        }
        #expect(throws: WorkloadError.badValue(parameter: "placement", value: "gpu:-1,cpu", problem: "'gpu:-1' is not a device", allowed: allowed)) {
            try pair.parse("gpu:-1,cpu")
        }
    }

    @Test("placement labels follow the seed: cpu for cpu,cpu, cpu-gpu for cpu,gpu")
    func labels() {
        #expect(Placement([.cpu, .cpu]).seedLabel == "cpu")
        #expect(Placement([.cpu, .gpu(0)]).seedLabel == "cpu-gpu")
        #expect(Placement([.gpu(2), .cpu]).description == "gpu:2,cpu")
    }

    @Test("byte estimates saturate instead of overflowing")
    func bytes() {
        #expect(Bytes.product(1 << 40, 1 << 30) == Int.max)
        #expect(Bytes.product(3, 4, 5) == 60)
        #expect(Bytes.sum(Int.max, 1) == Int.max)
        #expect(Bytes.format(3 << 30) == "3.0 GiB")
    }
}
