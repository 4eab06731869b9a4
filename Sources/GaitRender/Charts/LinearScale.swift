/// Maps a data interval linearly onto a pixel interval (which may run backwards, as SVG y does).
struct LinearScale {
    var domain: ClosedRange<Double>
    /// Pixel coordinate of `domain.lowerBound`.
    var start: Double
    /// Pixel coordinate of `domain.upperBound`.
    var end: Double

    /// The pixel coordinate of `value`; a zero-width domain maps everything to the middle.
    func callAsFunction(_ value: Double) -> Double {
        let width = domain.upperBound - domain.lowerBound
        guard width > 0 else { return (start + end) / 2 }
        return start + (value - domain.lowerBound) / width * (end - start)
    }

    /// Round tick values inside the domain, about `count` of them, spaced 1, 2 or 5 × 10ⁿ.
    func ticks(count: Int = 5) -> [Double] {
        let width = domain.upperBound - domain.lowerBound
        guard width > 0, width.isFinite, count > 0 else { return [domain.lowerBound] }
        let rough = width / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        var tick = (domain.lowerBound / step).rounded(.up) * step
        var ticks: [Double] = []
        while tick <= domain.upperBound + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return ticks
    }

    /// `range` widened to round numbers (multiples of a 1-2-5 step), so axes start and end on ticks.
    static func niceDomain(_ range: ClosedRange<Double>, count: Int = 5) -> ClosedRange<Double> {
        var low = range.lowerBound
        var high = range.upperBound
        if high - low < 1e-9 {
            low -= 1
            high += 1
        }
        let ticks = LinearScale(domain: low...high, start: 0, end: 1).ticks(count: count)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : (high - low)
        return (low / step).rounded(.down) * step...(high / step).rounded(.up) * step
    }
}
