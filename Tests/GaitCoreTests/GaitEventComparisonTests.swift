import Testing
@testable import GaitCore

@Suite("event comparison")
struct GaitEventComparisonTests {
    static let truth = [
        GaitEvent(side: .left, initialContact: 0.00, toeOff: 0.25, confidence: 1),
        GaitEvent(side: .right, initialContact: 0.38, toeOff: 0.63, confidence: 1),
        GaitEvent(side: .left, initialContact: 0.76, toeOff: 1.01, confidence: 1),
        GaitEvent(side: .right, initialContact: 1.14, toeOff: nil, confidence: 1),
    ]

    @Test("pairs same-side contacts within the window and reports signed errors, misses and extras")
    func scoring() throws {
        let detected = [
            GaitEvent(side: .left, initialContact: 0.01, toeOff: 0.27, confidence: 0.9),
            GaitEvent(side: .right, initialContact: 0.37, toeOff: 0.62, confidence: 0.9),
            GaitEvent(side: .right, initialContact: 0.77, toeOff: 1.0, confidence: 0.5),  // wrong foot: not the left truth at 0.76
            GaitEvent(side: .right, initialContact: 1.16, toeOff: 1.40, confidence: 0.9),
            GaitEvent(side: .left, initialContact: 2.00, toeOff: 2.25, confidence: 0.9),  // beyond the truth
        ]
        let comparison = GaitEventComparison(detected: detected, truth: Self.truth)
        // Window: 40 % of the median truth step time 0.38 s; 1e-12 allows the subtraction's rounding.
        #expect(abs(comparison.windowSeconds - 0.152) < 1e-12)
        #expect(comparison.matches.map(\.truth.initialContact) == [0.00, 0.38, 1.14])
        #expect(comparison.missed == [Self.truth[2]])
        #expect(comparison.extra.map(\.initialContact) == [0.77, 2.00])
        // IC errors +10, −10, +20 ms: bias 20/3 ms, RMSE √200 ms; TO errors +20, −10 ms (the last
        // truth toe-off is unknown): bias 5 ms, RMSE √250 ms. 1e-9 ms covers decimal rounding of
        // the hand-made times.
        let ic = comparison.initialContact, to = comparison.toeOff
        #expect(ic.n == 3 && to.n == 2)
        #expect(abs(try #require(ic.meanBiasMs) - 20.0 / 3) < 1e-9)
        #expect(abs(try #require(ic.rmseMs) - 200.0.squareRoot()) < 1e-9)
        #expect(abs(try #require(ic.maxAbsoluteMs) - 20) < 1e-9)
        #expect(abs(try #require(to.meanBiasMs) - 5) < 1e-9)
        #expect(abs(try #require(to.rmseMs) - 250.0.squareRoot()) < 1e-9)
    }

    @Test("each event pairs at most once, the closest candidate first")
    func oneToOne() {
        let truth = [GaitEvent(side: .left, initialContact: 1.0, toeOff: 1.25, confidence: 1)]
        let detected = [
            GaitEvent(side: .left, initialContact: 1.02, toeOff: 1.25, confidence: 1),
            GaitEvent(side: .left, initialContact: 0.99, toeOff: 1.25, confidence: 1),
        ]
        let comparison = GaitEventComparison(detected: detected, truth: truth, windowSeconds: 0.1)
        #expect(comparison.matches.map(\.detected.initialContact) == [0.99])
        #expect(comparison.extra.map(\.initialContact) == [1.02])
        #expect(comparison.missed.isEmpty)
        // With a 5 ms window nothing pairs.
        let strict = GaitEventComparison(detected: detected, truth: truth, windowSeconds: 0.005)
        #expect(strict.matches.count == 0 && strict.missed.count == 1 && strict.extra.count == 2)
        #expect(strict.initialContact.rmseMs == nil)
    }

    @Test("phase agreement counts frames where both phases are known, paired by time")
    func phaseAgreement() {
        let truth = [
            FramePhase(t: 0.0, phase: nil, side: .none),
            FramePhase(t: 0.1, phase: .contact, side: .left),
            FramePhase(t: 0.2, phase: .midStance, side: .left),
            FramePhase(t: 0.3, phase: .toeOff, side: .left),
            FramePhase(t: 0.4, phase: .swing, side: .none),
        ]
        let detected = [
            FramePhase(t: 0.0, phase: .swing, side: .none),  // truth unknown: not compared
            FramePhase(t: 0.1, phase: .contact, side: .left),
            FramePhase(t: 0.2, phase: .contact, side: .left),  // phase wrong, side right
            FramePhase(t: 0.3, phase: .toeOff, side: .right),  // phase right, side wrong
            FramePhase(t: 0.45, phase: .swing, side: .none),  // no truth frame at 0.45 s
        ]
        let agreement = PhaseAgreement(detected: detected, truth: truth)
        #expect(agreement.comparedFrames == 3)
        #expect(agreement.phaseAgreement == 2.0 / 3.0)
        #expect(agreement.sideAgreement == 2.0 / 3.0)
        #expect(agreement.confusion[GaitPhase.midStance.classIndex][GaitPhase.contact.classIndex] == 1)
        #expect(agreement.confusion.joined().reduce(0, +) == 3)
    }
}
