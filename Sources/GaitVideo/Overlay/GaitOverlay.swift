import Foundation
import GaitCore

/// Draws the analysis onto one video frame: the runner's skeleton (left side orange, right side
/// blue), the foot on the ground (green disc, a ring at the moment of initial contact), and a
/// panel with the time, the current phase and the running metrics.
struct GaitOverlay {
    let sequence: PoseSequence
    let report: GaitReport
    /// The summary lines shown on every frame (metrics do not change over the clip).
    let metricLines: [String]

    /// Skeleton segments, as pairs of landmarks.
    static let segments: [(BlazePoseLandmark, BlazePoseLandmark)] = [
        (.leftShoulder, .rightShoulder), (.leftHip, .rightHip),
        (.leftShoulder, .leftElbow), (.leftElbow, .leftWrist), (.rightShoulder, .rightElbow), (.rightElbow, .rightWrist),
        (.leftShoulder, .leftHip), (.rightShoulder, .rightHip),
        (.leftHip, .leftKnee), (.leftKnee, .leftAnkle), (.leftAnkle, .leftHeel), (.leftHeel, .leftFootIndex),
        (.leftAnkle, .leftFootIndex),
        (.rightHip, .rightKnee), (.rightKnee, .rightAnkle), (.rightAnkle, .rightHeel), (.rightHeel, .rightFootIndex),
        (.rightAnkle, .rightFootIndex),
    ]

    /// Landmarks seen with less visibility than this are not drawn.
    static let minimumVisibility = 0.3

    init(sequence: PoseSequence, report: GaitReport) {
        self.sequence = sequence
        self.report = report
        var lines: [String] = []
        if report.activity != .running {
            lines.append("ACTIVITY: \(report.activity.rawValue) - no running metrics")
        }
        func value(_ key: MetricKey, _ format: String, scale: Double = 1) -> String? {
            report.metrics[key]?.number.map { String(format: format, $0 * scale) }
        }
        let metrics = [
            value(.cadence, "CADENCE %.0f SPM"), value(.groundContactTime, "CONTACT %.0f MS", scale: 1000),
            value(.flightTime, "FLIGHT %.0f MS", scale: 1000),
        ].compactMap { $0 }
        if !metrics.isEmpty { lines.append(metrics.joined(separator: "  ")) }
        if let score = report.score {
            lines.append(String(format: "FORM SCORE %.1f/10", score.value))
        }
        metricLines = lines
    }

    /// Draws frame `index` (its pixels in `frame`) and returns the new pixels.
    func draw(_ frame: RGBFrame, index: Int) -> [UInt8] {
        var canvas = RGBCanvas(frame: frame)
        let scale = max(1, frame.height / 360)
        let thickness = Double(max(2, frame.height / 240))
        let poseFrame = index < sequence.frames.count ? sequence.frames[index] : nil
        let phase = index < report.phases.count ? report.phases[index] : nil

        if let poseFrame {
            func pixel(_ point: BlazePoseLandmark) -> (x: Double, y: Double)? {
                guard let landmark = poseFrame[point], landmark.visibility >= Self.minimumVisibility else { return nil }
                return (landmark.x * Double(frame.width), landmark.y * Double(frame.height))
            }
            for (from, to) in Self.segments {
                guard let start = pixel(from), let end = pixel(to) else { continue }
                let name = String(describing: from) + String(describing: to)
                let color: RGBColor = name.hasPrefix("left") && name.contains("Right") ? .white
                    : name.hasPrefix("left") ? .left : name.hasPrefix("right") && name.contains("Left") ? .white : .right
                canvas.line(from: start, to: end, thickness: thickness, color: color)
            }
            for point in BlazePoseLandmark.allCases where point.rawValue >= BlazePoseLandmark.leftShoulder.rawValue {
                if let position = pixel(point) {
                    canvas.fillCircle(x: position.x, y: position.y, radius: thickness, color: .white)
                }
            }
            if let phase, phase.side != .none {
                let leg = LegLandmarks(phase.side == .left ? .left : .right)
                if let heel = pixel(leg.heel), let toe = pixel(leg.footIndex) {
                    let foot = ((heel.x + toe.x) / 2, (heel.y + toe.y) / 2)
                    canvas.fillCircle(x: foot.0, y: foot.1, radius: 3 * thickness, color: .contact)
                    if isInitialContact(at: poseFrame.time, side: phase.side) {
                        canvas.strokeCircle(x: foot.0, y: foot.1, radius: 8 * thickness, thickness: thickness, color: .contact)
                    }
                }
            }
        }

        var lines = [String(format: "T %.3f S  FRAME %d", poseFrame?.time ?? 0, index)]
        lines.append("PHASE: " + phaseText(phase))
        lines += metricLines
        let lineHeight = (BitmapFont.glyphHeight + 3) * scale
        let boxWidth = (lines.map { RGBCanvas.textWidth($0, scale: scale) }.max() ?? 0) + 8 * scale
        canvas.shade(x: 0, y: 0, width: boxWidth, height: lines.count * lineHeight + 6 * scale, opacity: 0.6)
        for (row, line) in lines.enumerated() {
            let color: RGBColor = row == 1 && phase?.side != StanceSide.none && phase?.side != nil ? .contact : .white
            canvas.text(line, x: 4 * scale, y: 4 * scale + row * lineHeight, scale: scale, color: color)
        }
        return canvas.pixels
    }

    private func phaseText(_ phase: FramePhase?) -> String {
        guard let phase, let kind = phase.phase else { return "-" }
        switch kind {
        case .swing: return "FLIGHT (NO FOOT DOWN)"
        case .contact: return "CONTACT (\(phase.side.rawValue.uppercased()) FOOT)"
        case .midStance: return "MID-STANCE (\(phase.side.rawValue.uppercased()) FOOT)"
        case .toeOff: return "TOE-OFF (\(phase.side.rawValue.uppercased()) FOOT)"
        }
    }

    /// True when a `side` initial contact falls within half a frame of `time`.
    private func isInitialContact(at time: Double, side: StanceSide) -> Bool {
        let halfFrame = 0.5 / max(sequence.nominalFPS, 1)
        return report.events.contains { StanceSide($0.side) == side && abs($0.initialContact - time) <= halfFrame }
    }
}
