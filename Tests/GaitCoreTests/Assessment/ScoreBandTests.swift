import Testing
@testable import GaitCore

@Suite("Score band")
struct ScoreBandTests {
    let band = ScoreBand(idealLow: 174, idealHigh: 210, zeroBelow: 153, zeroAbove: 250)

    @Test("10 inside the ideal range, linear to 0 at the zero points, 0 beyond")
    func shape() {
        // Tolerance: floating-point rounding only.
        #expect(band.subScore(174) == 10 && band.subScore(190) == 10 && band.subScore(210) == 10)
        #expect(abs(band.subScore(163.5) - 5) < 1e-12)
        #expect(abs(band.subScore(230) - 5) < 1e-12)
        #expect(band.subScore(153) == 0 && band.subScore(100) == 0 && band.subScore(300) == 0)
    }

    @Test("a side without a zero point is not penalised")
    func openSide() {
        let open = ScoreBand(idealLow: 0, idealHigh: 8.3, zeroBelow: nil, zeroAbove: 11.9)
        #expect(open.subScore(-1) == 10)
        #expect(abs(open.subScore(10.1) - 5) < 1e-12)
    }

    @Test("the standard components' weights sum to 1")
    func weights() {
        #expect(abs(FormScoreRule.standard.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
    }
}
