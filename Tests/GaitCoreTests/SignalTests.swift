import Foundation
import Testing
@testable import GaitCore

@Suite("Signal processing")
struct SignalTests {
    /// Amplitude of a sine after filtfilt, measured over the middle of the signal.
    func gain(frequencyHz: Double, cutoffHz: Double, sampleRateHz: Double) -> Double {
        let n = Int(sampleRateHz * 20)
        let signal = (0..<n).map { sin(2 * .pi * frequencyHz * Double($0) / sampleRateHz) }
        let filtered = ButterworthLowPass.filtfilt(signal, cutoffHz: cutoffHz, sampleRateHz: sampleRateHz)
        let middle = (n / 4)..<(3 * n / 4)
        return middle.map { abs(filtered[$0]) }.max()! / middle.map { abs(signal[$0]) }.max()!
    }

    @Test("zero-lag low-pass is −3 dB at the cutoff, passes low and stops high frequencies",
          arguments: [30.0, 60.0, 150.0, 240.0])
    func frequencyResponse(sampleRate: Double) {
        let cutoff = sampleRate / 10
        // Two passes of a 2nd-order section give |H| = 1/(1+(f/fc')^4) with fc' = 1.247 fc: 0.707 at
        // the cutoff, 0.9993 at a fifth of it, 0.131 at twice it. 2% slack covers the sampled peak.
        #expect(abs(gain(frequencyHz: cutoff, cutoffHz: cutoff, sampleRateHz: sampleRate) - 0.7071) < 0.02)
        #expect(gain(frequencyHz: cutoff / 5, cutoffHz: cutoff, sampleRateHz: sampleRate) > 0.99)
        #expect(gain(frequencyHz: cutoff * 2, cutoffHz: cutoff, sampleRateHz: sampleRate) < 0.14)
    }

    @Test("filtfilt adds no lag: the peak of a smooth pulse stays where it was")
    func noLag() {
        let rate = 100.0
        let signal = (0..<400).map { i -> Double in
            let t = Double(i) / rate - 2
            return exp(-t * t / 0.02)
        }
        let filtered = ButterworthLowPass.filtfilt(signal, cutoffHz: 10, sampleRateHz: rate)
        #expect(filtered.indices.max { filtered[$0] < filtered[$1] } == 200)
    }

    @Test("short gaps are interpolated on the time axis, long ones and edges are not")
    func gaps() {
        let values: [Double?] = [nil, 0, nil, nil, 3, nil, nil, nil, nil, 8, nil]
        let times = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(Double.init)
        let filled = GapFilling.interpolate(values, times: times, maxGap: 3)
        #expect(filled == [nil, 0, 1, 2, 3, nil, nil, nil, nil, 8, nil])
        #expect(GapFilling.knownRuns(filled) == [1..<5, 9..<10])
    }
}
