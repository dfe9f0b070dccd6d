import Foundation
@testable import TernCatalogue

/// Student-side helpers shared by the student action tests.
extension CatalogueFixture {
    static let advisor = Actor(role: .staff, username: "advisor")

    /// The main path of an application, as staff walk it (staff may record any move but expiry).
    static let mainPath: [ApplicationStatus] = [.underReview, .shortlisted, .offered, .accepted, .inProgress, .delivered, .completed]

    /// `student`'s application to listing `ref`, moved along the main path up to `status`.
    func application(of student: String, to ref: String, at status: ApplicationStatus) throws -> Application {
        var application = try catalogue.apply(as: student, to: try listingID(ref), coverNote: "Hello", hoursOffered: 5)
        guard status != .submitted else { return application }
        for next in Self.mainPath {
            application = try catalogue.move(application.id, to: next, by: Self.advisor, expectedVersion: application.version)
            if next == status { return application }
        }
        throw NotOnMainPath(status: status)
    }

    struct NotOnMainPath: Error { var status: ApplicationStatus }

    /// Everything a student action could change about an application, as staff see it.
    func record(of applicationID: Int64) throws -> (Application, [ApplicationEvent], [Feedback]) {
        (try catalogue.application(applicationID, as: Self.advisor),
         try catalogue.events(of: applicationID, as: Self.advisor),
         try catalogue.feedback(on: applicationID, as: Self.advisor))
    }
}
