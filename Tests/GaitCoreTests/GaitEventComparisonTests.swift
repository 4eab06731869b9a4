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

@Suite("phases and timing metrics from events")
struct EventDerivedTests {
    @Test("per-frame phases follow ARCHITECTURE.md: thirds of each stance, swing between, unknown outside")
    func phaseLabels() {
        let events = [
            GaitEvent(side: .left, initialContact: 0.0, toeOff: 0.3, confidence: 1),
            GaitEvent(side: .right, initialContact: 0.4, toeOff: nil, confidence: 1),
        ]
        let times = [-0.05, 0.0, 0.05, 0.1, 0.15, 0.25, 0.3, 0.35, 0.4, 0.5]
        let labels = FramePhase.labels(times: times, events: events)
        #expect(labels.map(\.phase) == [nil, .contact, .contact, .midStance, .midStance, .toeOff, .swing, .swing, nil, nil])
        #expect(labels.map(\.side) == [.none, .left, .left, .left, .left, .left, .none, .none, .right, .right])
        // After the last toe-off the next contact is unknown: not swing but unknown.
        let ended = FramePhase.labels(times: [0.35], events: [events[0]])
        #expect(ended == [FramePhase(t: 0.35, phase: nil, side: .none)])
    }

    @Test("cadence, contact, flight, duty factor and balance from a regular run")
    func timingMetrics() throws {
        // Steps every 0.4 s; the left foot's contacts last 0.26 s, the right's 0.24 s.
        var events: [GaitEvent] = []
        for i in 0..<9 {
            let isLeft = i % 2 == 0
            let start = 0.4 * Double(i)
            let contactSeconds = isLeft ? 0.26 : 0.24
            events.append(GaitEvent(side: isLeft ? .left : .right, initialContact: start, toeOff: start + contactSeconds, confidence: 1))
        }
        let metrics = EventTimingMetrics.summary(events)
        func value(_ key: MetricKey) throws -> Double { try #require(metrics[key]?.number) }
        // 1e-9 covers the rounding of 0.4 × i and of the means.
        #expect(abs(try value(.cadence) - 150) < 1e-9)
        #expect(metrics[.cadence]?.measurement?.n == 8)
        #expect(abs(try value(.stepTime) - 0.4) < 1e-9)
        #expect(abs(try value(.strideTime) - 0.8) < 1e-9)
        #expect(abs(try value(.groundContactTime) - (5 * 0.26 + 4 * 0.24) / 9) < 1e-9)
        #expect(abs(try value(.flightTime) - (4 * 0.14 + 4 * 0.16) / 8) < 1e-9)
        #expect(abs(try value(.dutyFactor) - 100 * (4 * 0.26 + 3 * 0.24) / 7 / 0.8) < 1e-9)
        #expect(abs(try value(.contactTimeBalance) - 52) < 1e-9)
        let contact = try #require(metrics[.groundContactTime]?.measurement)
        #expect(abs(try #require(contact.left) - 0.26) < 1e-9)
        #expect(abs(try #require(contact.right) - 0.24) < 1e-9)
        // |0.26 − 0.24| / 0.25 = 8 %.
        #expect(abs(try #require(contact.asymmetryPercent) - 8) < 1e-9)
        let empty = EventTimingMetrics.summary([])
        #expect(empty[MetricKey.cadence] == MetricResult.withheld(reason: "not enough foot contacts with the needed events"))
    }
}
