import Foundation
import GaitCore
import Testing
@testable import GaitRender

@Suite("Terminal report")
struct TerminalReportTests {
    let text = TerminalReport().render(SampleReports.running)

    @Test("metrics appear in display units with the stated rounding")
    func metricRounding() {
        // 171.43 → 1 decimal; 0.2454 s → 245 ms, ±0.0083 s → ±8 ms; 0.0812 m → 8.1 cm; 9.46° → 9.5°.
        #expect(text.contains("171.4 ± 0.8 steps/min"))
        #expect(text.contains("245 ± 8 ms"))
        #expect(text.contains("8.1 ± 0.4 cm"))
        #expect(text.contains("9.5 ± 1.2°"))
        #expect(text.contains("rearfoot (80% of contacts)"))
    }

    @Test("left/right values, asymmetry and n are shown for the contact time")
    func leftRight() throws {
        let line = try #require(text.split(separator: "\n").first { $0.contains("Ground contact time") })
        #expect(line.contains("250 ms") && line.contains("240 ms") && line.contains("4.1%"))
        #expect(line.contains("  5  "))
    }

    @Test("withheld metrics are listed with their reasons, not as numbers")
    func withheld() {
        #expect(text.contains("Withheld:"))
        #expect(text.contains("Vertical ratio: speed unknown: overground clip without a scale"))
    }

    @Test("capture, confidence with level, reasons and advice are shown")
    func captureAndConfidence() {
        #expect(text.contains("side view (4° off the side view), left to right, treadmill"))
        #expect(text.contains("scale 512 px/m from runner height (±3%)"))
        #expect(text.contains("Overall 82% (Good): pose 91%, events 78%"))
        #expect(text.contains("feet visible in 97% of frames"))
        #expect(text.contains("film at 120 fps for sharper contact times"))
    }

    @Test("score, its components and every issue with its status appear")
    func scoreAndIssues() throws {
        let score = try #require(SampleReports.running.score)
        #expect(text.contains(NumberText.fixed(score.value, 1) + " / 10"))
        for component in score.components { #expect(text.contains(component.name)) }
        #expect(text.contains("verticalMotion") && text.contains("8.1 cm"))
        // Shank 9.46° ± 1.2° is above the 8° threshold: overstriding detected, mild, with its cue.
        #expect(text.contains("Overstriding: detected, mild"))
        #expect(text.contains("Try: Land with your foot closer under your hips"))
        #expect(text.contains("Vertical bounce: not detected"))
        #expect(text.contains("(normal 49.3 to 50.7 %)"))
    }

    @Test("plain by default; ANSI colour only when asked")
    func colour() {
        #expect(!text.contains("\u{1B}["))
        let coloured = TerminalReport(options: .init(color: true)).render(SampleReports.running)
        #expect(coloured.contains("\u{1B}[31m"))
        // Without the escape codes the coloured text is the plain text.
        let stripped = coloured.replacingOccurrences(
            of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression)
        #expect(stripped == text)
    }

    @Test("long sentences wrap at the width")
    func wrapping() {
        let narrow = TerminalReport(options: .init(width: 60)).render(SampleReports.running)
        // Tables are not wrapped; every sentence line (bullets, cues, reasons) is.
        let sentenceLines = narrow.split(separator: "\n").filter {
            $0.hasPrefix("Input:") || $0.contains("- ") || $0.contains("Try:") || $0.hasPrefix("    (")
        }
        #expect(sentenceLines.count > 10)
        for line in sentenceLines {
            #expect(line.count <= 60, "\(line)")
        }
        // The cue, broken over lines, still reads whole.
        #expect(narrow.contains("Try: Land with your foot"))
    }

    @Test("walking, empty and not-assessable reports render and say so")
    func edgeReports() {
        let walking = TerminalReport().render(SampleReports.walking)
        #expect(walking.contains("Activity: walking"))
        #expect(walking.contains("not recognised as running"))
        #expect(walking.contains("no score"))
        #expect(walking.contains("Overstriding: not assessable"))
        #expect(walking.contains("shankAngleAtContact withheld (walking: no flight phase)"))
        let empty = TerminalReport().render(SampleReports.empty)
        #expect(empty.contains("no metric could be measured"))
        #expect(empty.contains("Confidence\n  not rated"))
    }
}
