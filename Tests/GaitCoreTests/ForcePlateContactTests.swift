import Foundation
import Testing
@testable import GaitCore

@Suite("force-plate contacts")
struct ForcePlateContactTests {
    static let rate = 300.0

    /// Half-sine contacts of `peak` N lasting `contactSeconds`, starting every `stepSeconds` from
    /// `firstStart`, sampled at 300 Hz for `seconds`; `extra` adds anything on top.
    static func force(
        seconds: Double, firstStart: Double, contactSeconds: Double = 0.25, stepSeconds: Double = 0.38,
        peak: Double = 1500, extra: (Double) -> Double = { _ in 0 }
    ) -> [Double] {
        (0..<Int(seconds * rate)).map { i in
            let t = Double(i) / rate
            let sinceStart = (t - firstStart).truncatingRemainder(dividingBy: stepSeconds)
            let phase = t >= firstStart ? sinceStart : (t - firstStart + stepSeconds)
            let burst = phase >= 0 && phase < contactSeconds ? peak * sin(Double.pi * phase / contactSeconds) : 0
            return burst + extra(t)
        }
    }

    @Test("half-sine bursts give their 50 N crossings")
    func halfSines() throws {
        let contacts = ForcePlateContactDetector().contacts(
            verticalForceNewtons: Self.force(seconds: 2, firstStart: 0.1), sampleRateHz: Self.rate)
        // Starts at 0.1, 0.48, 0.86, 1.24, 1.62 s; the last ends at 1.87 s, before the 2 s end.
        #expect(contacts.count == 5)
        // 1500 sin(πτ/0.25) crosses 50 N at τ = 0.25 asin(1/30) / π ≈ 2.65 ms after the start.
        let offset = 0.25 * asin(50.0 / 1500) / Double.pi
        for (k, contact) in contacts.enumerated() {
            let start = 0.1 + 0.38 * Double(k)
            // 1 ms: the 40 Hz low-pass rounds the burst's corners (its slope jumps from 0 to 19 kN/s).
            #expect(abs(try #require(contact.start) - (start + offset)) < 0.001)
            #expect(abs(try #require(contact.end) - (start + 0.25 - offset)) < 0.001)
        }
    }

    @Test("a recording that starts or ends inside a contact gives open contacts")
    func openEnds() {
        // Starts 0.1 s into a contact (firstStart −0.1) and stops 0.05 s into the fourth.
        let contacts = ForcePlateContactDetector().contacts(
            verticalForceNewtons: Self.force(seconds: 1.09, firstStart: -0.1), sampleRateHz: Self.rate)
        #expect(contacts.count == 4)
        #expect(contacts.first?.start == nil && contacts.first?.end != nil)
        #expect(contacts.last?.start != nil && contacts.last?.end == nil)
    }

    @Test("hysteresis ignores blips in flight and bridges a short dip in stance")
    func hysteresis() {
        // A 55 N blip at 0.45 s in flight (above 50 N, below the 60 N entry) and a drop to 0 N
        // for 10 ms in the middle of the second contact (0.6 s).
        let extra: (Double) -> Double = { t in
            if abs(t - 0.45) < 0.01 { return 55 }
            if abs(t - 0.6) < 0.005 { return -1500 }
            return 0
        }
        let contacts = ForcePlateContactDetector().contacts(
            verticalForceNewtons: Self.force(seconds: 0.8, firstStart: 0.1, extra: extra), sampleRateHz: Self.rate)
        #expect(contacts.count == 2)
        // The bridged contact keeps its true start and end (1 ms, as above, plus the dip's smear).
        #expect(abs((contacts[1].end ?? 0) - (0.48 + 0.25)) < 0.005)
    }
}

@Suite("rigid-body fit and hip joint centre")
struct RigidBodyFitTests {
    static let cluster: [Point3] = [Point3(0, 0, 0), Point3(100, 0, 10), Point3(0, 120, -5), Point3(30, 40, 90)]

    /// Rotation by `angle` radians about the unit `axis` (Rodrigues' formula).
    static func rotate(_ p: Point3, axis: Point3, angle: Double) -> Point3 {
        p * cos(angle) + axis.cross(p) * sin(angle) + axis * (axis.dot(p) * (1 - cos(angle)))
    }

    @Test("recovers a known rotation and translation, also with a marker lost")
    func knownMotion() throws {
        let axis = Point3(1, 2, 3).normalized
        let shift = Point3(500, -20, 1200)
        let moved = Self.cluster.map { Self.rotate($0, axis: axis, angle: 0.7) + shift }
        let anatomical = Point3(50, -300, 20)
        let expected = Self.rotate(anatomical, axis: axis, angle: 0.7) + shift
        let fit = try #require(RigidBodyFit.fit(reference: Self.cluster, moved: moved))
        // Exact data: the fit is exact to rounding (1e-9 mm over ~1 m).
        #expect((fit.apply(anatomical) - expected).length < 1e-9)
        let three = try #require(RigidBodyFit.fit(reference: Array(Self.cluster.prefix(3)), moved: Array(moved.prefix(3))))
        #expect((three.apply(anatomical) - expected).length < 1e-9)
    }

    @Test("refuses two points and collinear points")
    func degenerate() {
        #expect(RigidBodyFit.fit(reference: Array(Self.cluster.prefix(2)), moved: Array(Self.cluster.prefix(2))) == nil)
        let line = [Point3(0, 0, 0), Point3(1, 1, 1), Point3(2, 2, 2.0001)]
        #expect(RigidBodyFit.fit(reference: line, moved: line) == nil)
    }

    @Test("Harrington 2007 on a symmetric pelvis")
    func harrington() {
        // ASIS 200 mm apart on the Z axis, PSIS 150 mm behind: PW 200, PD 150.
        let hips = HipJointCentre.harrington2007(
            rightASIS: Point3(0, 0, 100), leftASIS: Point3(0, 0, -100),
            rightPSIS: Point3(-150, 0, 40), leftPSIS: Point3(-150, 0, -40))
        // x = −0.24·150 − 9.9 = −45.9; y = −0.30·200 − 10.9 = −70.9; z = ±(0.33·200 + 7.3) = ±73.3 (mm).
        #expect((hips.right - Point3(-45.9, -70.9, 73.3)).length < 1e-9)
        #expect((hips.left - Point3(-45.9, -70.9, -73.3)).length < 1e-9)
    }
}
