import TernCatalogue
import TernViewModels

extension StudentSession {
    /// The session for a named student of a catalogue opened in the test (unknown: a guest).
    static func resolve(catalogue: Catalogue, requested: String?, login: String? = nil) throws -> StudentSession {
        try resolve(requested: requested, login: login, student: catalogue.student(username:))
    }
}
