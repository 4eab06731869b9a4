import GaitCore

/// Puts a pose sequence on a uniform time grid at the model's frame rate.
enum PoseResampling {
    /// Frames at t₀, t₀ + 1/rate, ... up to the last frame's time. Each landmark is linearly
    /// interpolated between the two measured frames around the grid time when both have it and they
    /// are at most `maxGapSeconds` apart; otherwise it is missing. Returns the frames and, for each,
    /// the index of the nearest input frame.
    static func resample(_ sequence: PoseSequence, rate: Double, maxGapSeconds: Double = 0.1) -> (frames: [PoseFrame], nearest: [Int]) {
        let input = sequence.frames
        guard let first = input.first, let last = input.last, last.time > first.time else {
            return (input, Array(input.indices))
        }
        let count = Int(((last.time - first.time) * rate).rounded(.down)) + 1
        var frames: [PoseFrame] = []
        var nearest: [Int] = []
        frames.reserveCapacity(count)
        var upper = 0  // first input frame with time >= t
        for step in 0..<count {
            let t = first.time + Double(step) / rate
            while upper < input.count - 1, input[upper].time < t { upper += 1 }
            let lower = max(0, input[upper].time > t ? upper - 1 : upper)
            let (a, b) = (input[lower], input[upper])
            nearest.append(abs(a.time - t) <= abs(b.time - t) ? lower : upper)
            if lower == upper || b.time - a.time <= 0 {
                frames.append(PoseFrame(time: t, landmarks: a.landmarks))
                continue
            }
            guard b.time - a.time <= maxGapSeconds, let la = a.landmarks, let lb = b.landmarks else {
                frames.append(PoseFrame(time: t, landmarks: nil))
                continue
            }
            let weight = (t - a.time) / (b.time - a.time)
            frames.append(PoseFrame(time: t, landmarks: zip(la, lb).map { pa, pb in
                guard let pa, let pb else { return nil }
                return Landmark(x: pa.x + (pb.x - pa.x) * weight, y: pa.y + (pb.y - pa.y) * weight,
                                z: pa.z + (pb.z - pa.z) * weight, visibility: min(pa.visibility, pb.visibility))
            }))
        }
        return (frames, nearest)
    }
}
