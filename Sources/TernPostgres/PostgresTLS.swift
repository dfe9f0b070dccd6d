import Foundation
import NIOSSL
import TernStore
import TernText

/// TLS for a catalogue over the network: the server's certificate must chain to the campus CA
/// (or, without one named, the system's roots) and name the host the URL names (verify-full);
/// anything less is refused before a password is sent.
enum PostgresTLS {
    static func context(trusting authority: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        if let authority {
            guard FileManager.default.isReadableFile(atPath: authority) else {
                throw CatalogueError.unusable("cannot read the campus CA file \(Sanitizer.line(authority))")
            }
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(authority))
            } catch {
                throw CatalogueError.unusable("\(Sanitizer.line(authority)) holds no certificate Tern can read (a PEM file is expected)")
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw CatalogueError.unusable("cannot set up TLS for the catalogue server")
        }
    }
}
