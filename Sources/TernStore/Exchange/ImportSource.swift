import Foundation

/// The bytes of an import file, read in fixed segments rather than held whole, so that a file of
/// a hundred thousand listings costs a few megabytes of memory rather than several times its size.
///
/// An import reads the file three times: once to check it is text and count its records
/// (``ImportProgress/Phase/reading``), once to check every value without the write lock, and once
/// to write, under the lock. The first reading fingerprints each segment (its length and a hash of
/// its bytes); the later readings refuse a segment that differs, before using any of it, so what
/// is written is exactly what was checked, and a file that changes while it is imported imports
/// nothing.
///
/// ```swift
/// let source = try ImportSource(path: "listings.csv")   // opened now, with the caller's rights
/// try catalogue.importFile(source, format: .csv)
/// ```
public final class ImportSource: @unchecked Sendable {
    private enum Storage {
        case bytes(Data)
        /// An open regular file, read by offset (`pread`), never by its current position.
        case file(Int32)
    }

    private let storage: Storage

    /// Bytes per segment. Records are usually far smaller; a longer one spans segments.
    package static let segmentSize = 1 << 20

    /// Bytes already in memory (a test, or a file read whole).
    public init(_ data: Data) {
        storage = .bytes(data)
    }

    /// Opens the file now, so that it is opened with the caller's rights, and reads it later, on
    /// whichever thread imports it. Anything but a regular file (a pipe, a terminal) cannot be
    /// read twice and is read whole here instead.
    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CatalogueError.notFound("cannot read \(path)") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw CatalogueError.notFound("cannot read \(path)")
        }
        if info.st_mode & S_IFMT == S_IFREG {
            storage = .file(descriptor)
            return
        }
        defer { close(descriptor) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        guard let data = try? handle.readToEnd() else { throw CatalogueError.notFound("cannot read \(path)") }
        storage = .bytes(data)
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// Whether the bytes can change between readings: only a file can.
    package var canChange: Bool {
        if case .file = storage { true } else { false }
    }

    /// The size now, for the reading phase's progress; the readings themselves go by what they find.
    package var sizeHint: Int {
        switch storage {
        case .bytes(let data): return data.count
        case .file(let descriptor):
            var info = stat()
            return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
        }
    }

    /// Appends segment `index` (up to ``segmentSize`` bytes; fewer only at the end of the file)
    /// to `window`, and returns how many bytes it had.
    package func appendSegment(_ index: Int, to window: ByteWindow) throws(ImportSourceError) -> Int {
        let offset = index * Self.segmentSize
        switch storage {
        case .bytes(let data):
            guard offset < data.count else { return 0 }
            let end = min(offset + Self.segmentSize, data.count)
            data.withUnsafeBytes { raw in
                window.append(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
            }
            return end - offset
        case .file(let descriptor):
            let destination = window.reserve(Self.segmentSize)
            var total = 0
            // A read may return less than asked before the end of the file; only 0 is the end.
            while total < Self.segmentSize {
                let count = pread(descriptor, destination + total, Self.segmentSize - total, off_t(offset + total))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw ImportSourceError.unreadable(String(cString: strerror(errno)))
                }
                if count == 0 { break }
                total += count
            }
            window.commit(total)
            return total
        }
    }
}

package enum ImportSourceError: Error {
    case unreadable(String)
    /// A segment differs from what the first reading found.
    case changed
}

/// Each segment's length and hash, from the first reading of a file.
package struct ImportFingerprint {
    package var segments: [(length: Int, hash: UInt64)] = []
}

/// Reads a source segment by segment into a window, recording a fingerprint on the first reading
/// and holding every later reading to it.
package struct SegmentFeed {
    package let source: ImportSource
    package private(set) var next = 0
    package private(set) var atEnd = false
    /// Recorded while nil was given; checked against otherwise.
    package private(set) var fingerprint: ImportFingerprint
    private let checking: Bool

    package init(_ source: ImportSource, checkingAgainst fingerprint: ImportFingerprint? = nil) {
        self.source = source
        self.fingerprint = fingerprint ?? ImportFingerprint()
        checking = fingerprint != nil
    }

    /// Appends the next segment to `window`; false at the end of the file.
    package mutating func fill(_ window: ByteWindow) throws(ImportSourceError) -> Bool {
        guard !atEnd else { return false }
        let start = window.count
        let length = try source.appendSegment(next, to: window)
        if source.canChange {
            let hash = XXH64.hash(UnsafeRawBufferPointer(start: window.base + start, count: length))
            if checking {
                guard next < fingerprint.segments.count, fingerprint.segments[next] == (length, hash) else {
                    window.truncate(to: start)
                    throw .changed
                }
            } else {
                fingerprint.segments.append((length, hash))
            }
        }
        next += 1
        if length < ImportSource.segmentSize { atEnd = true }
        return length > 0
    }
}

/// A growable run of bytes read from a source: appended at the end, dropped from the front once
/// parsed. One allocation, reused for the whole reading.
package final class ByteWindow {
    package private(set) var base: UnsafeMutablePointer<UInt8>
    package private(set) var count = 0
    private var capacity: Int

    package init(capacity: Int = 2 * ImportSource.segmentSize) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Room for `length` more bytes at the end; ``commit(_:)`` says how many were written.
    package func reserve(_ length: Int) -> UnsafeMutablePointer<UInt8> {
        if count + length > capacity {
            let grown = max(capacity * 2, count + length)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: base, count: count)
            base.deallocate()
            base = larger
            capacity = grown
        }
        return base + count
    }

    package func commit(_ length: Int) {
        count += length
    }

    package func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        let destination = reserve(bytes.count)
        UnsafeMutableRawPointer(destination).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        commit(bytes.count)
    }

    /// Forgets the first `length` bytes; the rest move to the front.
    package func drop(_ length: Int) {
        guard length > 0 else { return }
        count -= length
        if count > 0 { base.update(from: base + length, count: count) }
    }

    package func truncate(to length: Int) {
        count = min(count, length)
    }
}

/// XXH64 (Yann Collet's xxHash, 64-bit): fast enough to fingerprint a file at several gigabytes
/// a second. It tells a changed file from the one that was checked; it is no defence against
/// someone crafting a collision, who could as well import what they liked.
package enum XXH64 {
    private static let p1: UInt64 = 11_400_714_785_074_694_791
    private static let p2: UInt64 = 14_029_467_366_897_019_727
    private static let p3: UInt64 = 1_609_587_929_392_839_161
    private static let p4: UInt64 = 9_650_029_242_287_828_579
    private static let p5: UInt64 = 2_870_177_450_012_600_261

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }
    @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return avalanche(seed &+ p5) }
        @inline(__always) func word(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        var index = 0
        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while index + 32 <= count {
                v1 = round(v1, word(index))
                v2 = round(v2, word(index + 8))
                v3 = round(v3, word(index + 16))
                v4 = round(v4, word(index + 24))
                index += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(count)
        while index + 8 <= count {
            h ^= round(0, word(index))
            h = rotl(h, 27) &* p1 &+ p4
            index += 8
        }
        if index + 4 <= count {
            h ^= UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt32.self))) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            index += 4
        }
        while index < count {
            h ^= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) &* p5
            h = rotl(h, 11) &* p1
            index += 1
        }
        return avalanche(h)
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }
}
