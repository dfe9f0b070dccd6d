import Foundation
import TernStore
import TernViewModels

/// Everything the console reads, as background tasks and the results they bring back: the
/// update starts a task and returns; the result lands in the state here. A result for
/// something no longer shown (another queue generation, another selection) is dropped.
extension TriageScreen {
    func take(_ outcome: TriageOutcome) throws -> [Effect<TriageOutcome>] {
        switch outcome {
        case .queue(let result, let reading):
            return try takeQueue(result.get(), reading)
        case .pages(let generation, let result):
            state.pages.insert(try result.get(), generation: generation)
            guard generation == state.pages.generation, let change = state.pendingChange else { return [] }
            return queueChange(change)
        case .review(let result, let selecting):
            return takeReview(try result.get(), selecting: selecting)
        case .postingDetail(let ref, let result):
            guard ref == state.postings.selectedID else { return [] }
            state.postingDetail = try result.get()
            return []
        case .organizationDecisions(let name, let result):
            guard name == state.organizations.selectedID else { return [] }
            state.organizationDecisions = try result.get()
            return []
        case .marked(let result, let all):
            return ApplicationsController(screen: self).marked(try result.get(), all: all)
        case .views(let result, let selected, let replacing):
            return SavedViewsController(screen: self).show(try result.get(), selected: selected, replacing: replacing)
        case .report(let report, let failure):
            state.report = report
            state.reportStatus = failure.map { "The report could not be read: \($0)" }
            return []
        case .imported(let summary, let failure):
            return ImportController(screen: self).finish(summary, failure: failure)
        case .wrote(let written):
            return finishWrite() + took(written)
        case .refused(let refusal, let write, let again):
            return try finishWrite() + refused(refusal, write, again: again)
        case .released(let quitting):
            return quitting ? [.quit] : []
        }
    }

    // MARK: - The Applications queue

    /// Reads the queue for the limit shown (`pattern` and `words` for a new one) in the
    /// background; the queue keeps showing what it showed meanwhile. `waiting`: keys typed
    /// meanwhile wait for it.
    func readQueue(_ reading: QueueReading, pattern: String? = nil, words: String? = nil, order: TriageOrder? = nil,
                   waiting: Bool = true) -> [Effect<TriageOutcome>] {
        let kind: TaskKind = reading == .limit ? .limitQueue : .queueRead
        if waiting { state.waiting.insert(kind) }
        let store = store, session = session, moment = now()
        let pattern = pattern ?? state.pattern, words = words ?? state.searchWords, order = order ?? state.order
        let around = reading == .refresh ? state.queue.state.selected : nil
        let marks = Array(state.marks.rows.keys)
        return [.run(kind) { _ in
            do {
                return .queue(.success(try await TriageWork.read(pattern: pattern, words: words, order: order, viewer: session.username, at: moment,
                                                                  around: around, marks: marks, disclosingAs: reading == .limit ? session : nil,
                                                                  in: store)), reading)
            } catch {
                return .queue(.failure(Refusal(error)), reading)
            }
        }]
    }

    private func takeQueue(_ read: TriageWork.Read, _ reading: QueueReading) -> [Effect<TriageOutcome>] {
        // A read-again of a limit since replaced by a newer one is of no use.
        if reading == .refresh && (read.pattern != state.pattern || read.words != state.searchWords) { return [] }
        state.pages.adopt(read.pages)
        state.pendingChange = nil
        (state.pattern, state.searchWords, state.order, state.takenDown) = (read.pattern, read.words, read.pages.order, read.takenDown)
        state.marks.hidden = read.hidden.filter { state.marks.contains($0) }
        let effects = queueChange(reading == .refresh ? .reload : .reset)
        guard reading == .limit else { return effects }
        let what = read.pattern.isEmpty ? "no limit: everything needing action" : "limit: \(read.pattern)"
        return effects + state.toasts.show(what + (read.words.isEmpty ? "" : " · searching: \(read.words)") + " · \(read.pages.count) shown")
    }

    /// Changes the Applications list over the pages in memory; when it needs a page that is not
    /// there, the page is read in the background and the change waits for it (keys too).
    func queueChange(_ change: QueueChange) -> [Effect<TriageOutcome>] {
        let pages = state.pages
        do {
            switch change {
            case .move(let move): try state.queue.move(move, source: pages)
            case .select(let index): try state.queue.select(index: index, source: pages)
            case .reload: try state.queue.reload(source: pages)
            case .reset: try state.queue.reset(source: pages)
            case .resize(let viewport): try state.queue.resize(viewport: viewport, source: pages)
            }
        } catch let missing as PagesNotHeld {
            state.pendingChange = change
            return readPages(missing.pages)
        } catch {
            return state.toasts.show("\(error)", isError: true)
        }
        state.pendingChange = nil
        return showSelection()
    }

    private func readPages(_ wanted: [Int]) -> [Effect<TriageOutcome>] {
        state.waiting.insert(.queuePage)
        let store = store, pages = state.pages, viewer = session.username
        return [.run(.queuePage) { _ in
            do {
                return .pages(generation: pages.generation, .success(try await TriagePages.read(pages: wanted, of: pages, viewer: viewer, in: store)))
            } catch {
                return .pages(generation: pages.generation, .failure(Refusal(error)))
            }
        }]
    }

    // MARK: - Postings and organizations

    /// Postings (as shown, or `showing`) and the organizations waiting, read in the background.
    /// `selecting`: a posting to select once they are in (one just written).
    func readReview(showing: Approval? = nil, selecting: String? = nil, waiting: Bool = true) -> [Effect<TriageOutcome>] {
        if waiting { state.waiting.insert(.reviewRead) }
        let store = store, showing = showing ?? state.postingsShowing
        return [.run(.reviewRead) { _ in
            do { return .review(.success(try await PostingsReview.read(showing: showing, in: store)), selecting: selecting) }
            catch { return .review(.failure(Refusal(error)), selecting: selecting) }
        }]
    }

    private func takeReview(_ read: PostingsReview.Read, selecting: String?) -> [Effect<TriageOutcome>] {
        let reset = read.showing != state.review.showing
        state.review = read
        state.postingsReadAt = now()
        if reset { state.postingMarks = [] } else { state.postingMarks.formIntersection(read.postings.map(\.ref)) }
        if reset { try? state.postings.reset(source: postingRows) } else { try? state.postings.reload(source: postingRows) }
        try? state.organizations.reload(source: organizationRows)
        if let selecting { _ = try? state.postings.jump(to: selecting, source: postingRows) }
        return showSelection()
    }

    // MARK: - The detail

    /// The detail pane follows the selection of the queue on screen; what it shows of a posting
    /// or an organization is read in the background (keys wait for it).
    func showSelection() -> [Effect<TriageOutcome>] {
        let store = store
        switch state.kind {
        case .applications:
            // An opened application stays open while it is the one selected.
            guard let file = state.file, file.row.id != state.queue.selectedID else { return [] }
            state.file = nil
            state.detailScroll = 0
            return release(file.row.id)
        case .postings:
            let selected = state.postings.selectedRow
            if selected?.ref != state.postingDetail?.review.ref { state.detailScroll = 0 }
            guard let posting = selected else {
                state.postingDetail = nil
                return [.cancel(.postingDetail)]
            }
            // What is known shows at once; the listing and its decisions follow.
            if posting.ref != state.postingDetail?.review.ref { state.postingDetail = PostingDetail(review: posting, listing: nil, decisions: []) }
            state.waiting.insert(.postingDetail)
            return [.run(.postingDetail) { _ in
                do {
                    return .postingDetail(posting.ref, .success(PostingDetail(review: posting, listing: try await store.opportunity(ref: posting.ref),
                                                                              decisions: try await store.decisions(forListing: posting.ref))))
                } catch {
                    return .postingDetail(posting.ref, .failure(Refusal(error)))
                }
            }]
        case .organizations:
            guard let name = state.organizations.selectedID else {
                state.organizationDecisions = []
                return [.cancel(.organizationDecisions)]
            }
            state.waiting.insert(.organizationDecisions)
            return [.run(.organizationDecisions) { _ in
                do { return .organizationDecisions(name, .success(try await store.decisions(forOrganization: name))) }
                catch { return .organizationDecisions(name, .failure(Refusal(error))) }
            }]
        case .reports:
            return []
        }
    }

    /// Lets go of this session's claim on an application, in the background.
    func release(_ id: Int64, quitting: Bool = false) -> [Effect<TriageOutcome>] {
        let store = store, session = session
        return [.run(TaskKind("release \(id)")) { _ in
            try? await TriageWork.close(id, session: session, in: store)
            return .released(quitting: quitting)
        }]
    }

    /// Reads the report in the background; the pane says so until it arrives.
    func readReport() -> [Effect<TriageOutcome>] {
        state.reportStatus = "Reading the report…"
        let store = store, moment = now()
        return [.run(.report) { _ in
            do {
                return .report(try await store.placementReport(since: nil, now: moment), failure: nil)
            } catch {
                return .report(nil, failure: "\(error)")
            }
        }]
    }
}
