import Foundation

/// A second-order Butterworth low-pass section, designed with the bilinear transform and a
/// pre-warped cutoff (Winter, *Biomechanics and Motor Control of Human Movement*, 4th ed., 2009,
/// §3.4; Robertson & Dowling, J Electromyogr Kinesiol 13:569, 2003).
///
/// Run forward and backward (`filtfilt`) it becomes a fourth-order zero-lag filter: the standard
/// smoother for marker and keypoint trajectories. The cascade's −3 dB point falls below the
/// section's cutoff (the two passes give |H| = 1 / (1 + (f/fc)⁴)); `filtfilt` raises the section's
/// cutoff by (√2 − 1)^(−1/4) ≈ 1.247 so the zero-lag result is −3 dB at the requested frequency, as
/// Winter recommends for multi-pass filters.
public struct ButterworthLowPass: Sendable {
    /// Feed-forward coefficients b0, b1, b2.
    public let b: (Double, Double, Double)
    /// Feedback coefficients a1, a2 (a0 = 1).
    public let a: (Double, Double)

    /// A section with −3 dB at `cutoffHz` for samples taken at `sampleRateHz`.
    /// `cutoffHz` is clamped below the Nyquist frequency.
    public init(cutoffHz: Double, sampleRateHz: Double) {
        let nyquist = sampleRateHz / 2
        let cutoff = min(max(cutoffHz, 1e-6), nyquist * 0.95)
        let omega = tan(Double.pi * cutoff / sampleRateHz)  // pre-warped analogue frequency
        let k1 = 2.0.squareRoot() * omega
        let k2 = omega * omega
        let a0 = 1 + k1 + k2
        b = (k2 / a0, 2 * k2 / a0, k2 / a0)
        a = (2 * (k2 - 1) / a0, (1 - k1 + k2) / a0)
    }

    /// Filters `signal` forward and backward: a fourth-order zero-lag low-pass with −3 dB at
    /// `cutoffHz`. The ends are padded with an odd reflection (as in scipy's `filtfilt`) so the
    /// filter starts settled; signals shorter than 4 samples are returned unchanged.
    public static func filtfilt(_ signal: [Double], cutoffHz: Double, sampleRateHz: Double) -> [Double] {
        let n = signal.count
        guard n >= 4 else { return signal }
        let correction = pow(2.0.squareRoot() - 1, -0.25)  // two passes → −3 dB at cutoffHz
        let section = ButterworthLowPass(cutoffHz: cutoffHz * correction, sampleRateHz: sampleRateHz)
        let pad = min(n - 1, max(12, Int((sampleRateHz / max(cutoffHz, 0.1)).rounded())))
        var extended = [Double]()
        extended.reserveCapacity(n + 2 * pad)
        for i in stride(from: pad, through: 1, by: -1) { extended.append(2 * signal[0] - signal[i]) }
        extended.append(contentsOf: signal)
        for i in 1...pad { extended.append(2 * signal[n - 1] - signal[n - 1 - i]) }
        section.applyInPlace(&extended)
        extended.reverse()
        section.applyInPlace(&extended)
        extended.reverse()
        return Array(extended[pad..<(pad + n)])
    }

    /// Runs the section once over `x`, starting from the steady state for `x[0]`.
    func applyInPlace(_ x: inout [Double]) {
        guard !x.isEmpty else { return }
        let (b0, b1, b2) = b
        let (a1, a2) = a
        x.withUnsafeMutableBufferPointer { buffer in
            // Direct form II transposed, initialised as if the input had been x[0] forever.
            let x0 = buffer[0]
            var z1 = x0 - b0 * x0
            var z2 = b2 * x0 - a2 * x0
            for i in 0..<buffer.count {
                let input = buffer[i]
                let output = b0 * input + z1
                z1 = b1 * input - a1 * output + z2
                z2 = b2 * input - a2 * output
                buffer[i] = output
            }
        }
    }
}
