import Foundation
import Testing

/// `bench seed` and `bench engine --skip`, the pieces `make bench` (Benchmarks/bench.py) reads.
extension CLITests {
    func benchRows(_ result: Result) throws -> (rows: [[String: Any]], notices: [String]) {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (try #require(document["benchmarks"] as? [[String: Any]]), document["notices"] as? [String] ?? [])
    }

    @Test("`bench seed` times every placement the machine has, the exp step and both lazy-vs-eager loops")
    func benchSeed() throws {
        let result = try run(["bench", "seed", "--json", "--quick"])
        #expect(result.status == 0, "\(result.stderr)")
        let (rows, notices) = try benchRows(result)
        let gpu = !notices.contains { $0.hasPrefix("gpu rows skipped") }
        let placements = rows.filter { $0["name"] as? String == "seed matmul-exp-split" }.compactMap { ($0["params"] as? [String: String])?["placement"] }
        #expect(Set(placements) == (gpu ? ["cpu,cpu", "cpu,gpu", "gpu,cpu", "gpu,gpu"] : ["cpu,cpu"]))
        let devices = gpu ? ["cpu", "gpu"] : ["cpu"]
        for name in ["seed exp step", "lazy-vs-eager lazy", "lazy-vs-eager forced"] {
            let found = rows.filter { $0["name"] as? String == name }.compactMap { ($0["params"] as? [String: String])?["device"] }
            #expect(found == devices, "\(name)")
        }
        for row in rows {
            let value = try #require(row["value"] as? Double)
            #expect(value > 0 && value.isFinite, "\(row)")
            #expect(["ms", "µs"].contains(row["unit"] as? String))
        }
    }

    @Test("`bench engine --skip` leaves out the groups named, Python peers included")
    func benchEngineSkip() throws {
        let result = try run(["bench", "engine", "--json", "--quick", "--sizes", "64", "--skip", "matmul,seed,bandwidth,recorder,fusion,python"])
        #expect(result.status == 0, "\(result.stderr)")
        let (rows, _) = try benchRows(result)
        #expect(rows.compactMap { $0["name"] as? String } == ["per-op overhead"])
        #expect(rows.first?["peer"] == nil || rows.first?["peer"] is NSNull)
    }
}
