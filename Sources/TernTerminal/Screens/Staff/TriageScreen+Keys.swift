import TernCatalogue
import TernViewModels

extension TriageScreen {
    /// A key: to the modal on top, else the command line or the limit/search line when open,
    /// else the queue on screen. Every key is looked up in the key map.
    func handle(_ key: Key) throws -> [Effect<TriageOutcome>] {
        state.toasts.clear()
        guard state.panes.mode != .tooSmall else {
            return state.keyMap.action(for: key, in: [.global])?.intent == .quitNow ? quit() : []
        }
        if state.isLimiting {
            // Keys typed while a limit is being applied wait for it, then act on the rows it
            // shows, as if it had been instant: a space typed after Enter marks the limited
            // queue's first row, never the old one's. Quitting does not wait; Esc gives up the
            // limit and drops what was typed after it.
            switch state.keyMap.action(for: key, in: [.global])?.intent {
            case .quitNow?:
                return quit()
            case .back?:
                state.isLimiting = false
                keysWhileLimiting.removeAll()
                return [.cancel(.limitQueue)] + state.toasts.show("limit given up; the queue is as it was")
            default:
                keysWhileLimiting.append(key)
                return []
            }
        }
        if state.modals.isOpen { return try handleModalKey(key) }
        if state.commandPrompt != nil { return try handleCommandKey(key) }
        if state.line != nil { return try handleLineKey(key) }
        if case .mouse(let event) = key { return try handleMouse(event) }
        return try handleQueueKey(key)
    }

    /// Where keys are looked up: the queue's own scope first, then the console's, then global.
    var queueScopes: [KeyScope] {
        let own: [KeyScope] = switch state.kind {
        case .applications: [.staffApplications]
        case .postings: [.staffPostings]
        case .organizations: [.staffOrganizations]
        case .reports: []
        }
        return own + [.staffConsole, .global]
    }

    private func handleQueueKey(_ key: Key) throws -> [Effect<TriageOutcome>] {
        guard let action = state.keyMap.action(for: key, in: queueScopes) else { return [] }
        if let move = action.move { return try ask(move) }
        switch action {
        case .quit:
            // From the detail, q goes back to the list first (leaving the application).
            if state.panes.focus == .detail { leaveDetail() } else { return quit() }
        case .quitNow:
            return quit()
        case .back:
            return try back()
        case .help:
            // The line's editing keys (ctrl-u and the like) are the text field's, not actions:
            // listed with the line's own keys so they are found where they work.
            let sections = HelpOverlay.sections(keyMap: state.keyMap, groups: StaffAction.helpGroups).map { section in
                section.title == StaffAction.lineHelpGroup ? HelpSection(section.title, section.hints + TextField.editingHints) : section
            }
            state.modals.open(.help(HelpModal(sections: sections)))
        case .nextPane, .previousPane:
            state.panes.focus = state.panes.focus == .queue ? .detail : .queue
        case .command:
            state.commandPrompt = CommandPrompt()
        case .applicationsQueue: return try switchQueue(to: .applications)
        case .postingsQueue: return try switchQueue(to: .postings)
        case .organizationsQueue: return try switchQueue(to: .organizations)
        case .reportsQueue: return try switchQueue(to: .reports)
        case .nextQueue, .previousQueue:
            let all = TriageQueueKind.allCases
            let step = action == .nextQueue ? 1 : all.count - 1
            return try switchQueue(to: all[(state.kind.rawValue + step) % all.count])
        case .refresh:
            try reloadAll()
            return (state.kind == .reports ? readReport() : []) + state.toasts.show("read again")
        case .open:
            return try open()
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown:
            if case .move(let direction)? = action.intent { try move(direction) }
        case .mark, .markRange, .markAll:
            return try mark(action)
        case .limit, .search:
            guard state.kind == .applications else {
                return state.toasts.show("\(action == .limit ? "limit" : "search") works in Applications (1)", isError: true)
            }
            let kind: QueueLine.Kind = action == .limit ? .limit : .search
            state.line = QueueLine(kind: kind, field: TextField(kind == .limit ? state.pattern : state.searchWords, limit: 200))
        case .views:
            return try openViews()
        case .undo:
            let restored = try triage.undo()
            try readQueue(reset: false)
            state.canUndo = false
            return state.toasts.show("undone: \(restored.count) application\(restored.count == 1 ? "" : "s") back where they were")
        case .note:
            guard let row = state.queue.selectedRow else { return state.toasts.show("the queue is empty", isError: true) }
            state.modals.open(.form(FormModal(TriageForms.note(row), purpose: .note(applicationID: row.id))))
        case .studentRecord:
            return try openStudentRecord()
        case .organizationDecision:
            guard let row = state.queue.selectedRow else { return state.toasts.show("the queue is empty", isError: true) }
            let moves = TriageForms.organizationMoves(from: row.status)
            guard !moves.isEmpty else {
                return state.toasts.show("nothing is the organization's to decide: this application is \(row.status.label.lowercased())", isError: true)
            }
            state.modals.open(.form(FormModal(TriageForms.organizationDecision(row, moves: moves), purpose: .organizationDecision(row: row, moves: moves))))
        case .organizationFeedback:
            guard let row = state.queue.selectedRow else { return state.toasts.show("the queue is empty", isError: true) }
            state.modals.open(.form(FormModal(TriageForms.organizationFeedback(row), purpose: .organizationFeedback(applicationID: row.id))))
        case .approvePosting:
            let refs = state.postingMarks.isEmpty ? state.postings.selectedRow.map { [$0.ref] } ?? [] : state.postingMarks.sorted()
            // Each at the version on screen now: approving what changed since is refused.
            let versions = Dictionary(review.postings.filter { refs.contains($0.ref) }.map { ($0.ref, $0.version) }, uniquingKeysWith: { first, _ in first })
            guard !refs.isEmpty else { return state.toasts.show("no posting is waiting", isError: true) }
            guard state.postingsShowing == .pending else {
                return state.toasts.show(state.postingsShowing == .declined ? "a declined posting is resubmitted (R) before it can be approved"
                                         : "these postings are approved already", isError: true)
            }
            let question = refs.count == 1 ? "Approve this posting?" : "Approve \(refs.count) postings?"
            state.modals.open(.confirm(Confirmation(title: question, message: "Students see approved postings at once.",
                                                    yes: "Approve", no: "Cancel", answer: .screen(.approvePostings(refs: refs, versions: versions)))))
        case .declinePosting:
            guard let posting = state.postings.selectedRow else { return state.toasts.show("no posting is waiting", isError: true) }
            state.modals.open(.form(FormModal(TriageForms.decline(title: "Decline “\(posting.title)”", subtitle: posting.organization),
                                              purpose: .declinePosting(ref: posting.ref, version: posting.version))))
        case .resubmitPosting:
            guard let posting = state.postings.selectedRow else { return state.toasts.show("no posting here", isError: true) }
            state.modals.open(.form(FormModal(TriageForms.noteOnly(title: "Resubmit “\(posting.title)”",
                                                                   subtitle: "Back into review; a listing is resubmitted once"),
                                              purpose: .resubmitPosting(ref: posting.ref, version: posting.version))))
        case .newListing:
            var text = ListingFormText()
            text.deadline = CalendarDay(now().addingTimeInterval(21 * 86_400)).description
            text.hours = "10"
            text.durationDays = "14"
            state.modals.open(.form(FormModal(TriageForms.listing(text, title: "New listing"), purpose: .listing(ref: nil, version: nil))))
        case .editListing, .closeListing, .archiveListing:
            guard let listing = state.postingDetail?.listing, let ref = state.postingDetail?.review.ref else {
                return state.toasts.show("no posting here", isError: true)
            }
            switch action {
            case .editListing:
                state.modals.open(.form(FormModal(TriageForms.listing(ListingFormText(ListingDraft(listing)), title: "Edit “\(listing.title)”"),
                                                  purpose: .listing(ref: ref, version: listing.version))))
            case .closeListing:
                state.modals.open(.confirm(Confirmation(title: "Close “\(listing.title)”?",
                                                        message: "It takes no more applications; those still waiting expire, an event each.",
                                                        yes: "Close", no: "Cancel", answer: .screen(.closeListing(ref: ref, version: listing.version)))))
            default:
                state.modals.open(.confirm(Confirmation(title: "Archive “\(listing.title)”?", message: "An archived listing is kept but never edited again.",
                                                        yes: "Archive", no: "Cancel", answer: .screen(.archiveListing(ref: ref, version: listing.version)))))
            }
        case .declinedPostings:
            state.postingDetail = nil
            try review.showNext()
            try state.postings.reset(source: PostingRows(review.postings))
            try readReview()
            return state.toasts.show("showing \(StaffConsoleView.postingsView(review.showing)) postings")
        case .approveOrganization:
            guard let organization = state.organizations.selectedRow else { return state.toasts.show("no organization is waiting", isError: true) }
            try review.approveOrganization(organization.name, version: organization.version)
            try readReview()
            return state.toasts.show("approved \(organization.name); its listings still wait for their own review")
        case .declineOrganization:
            guard let organization = state.organizations.selectedRow else { return state.toasts.show("no organization is waiting", isError: true) }
            state.modals.open(.form(FormModal(TriageForms.decline(title: "Decline \(organization.name)", subtitle: "Its pending listings are declined with it"),
                                              purpose: .declineOrganization(name: organization.name, version: organization.version))))
        case .trustOrganization:
            guard let organization = state.organizations.selectedRow else { return state.toasts.show("no organization is waiting", isError: true) }
            state.modals.open(.confirm(Confirmation(title: "Trust \(organization.name)?",
                                                    message: "Its later listings are approved on arrival, without review.",
                                                    yes: "Trust", no: "Cancel", answer: .screen(.trustOrganization(name: organization.name, version: organization.version)))))
        default:
            break  // transitions (handled above), and what is not in the queues' scopes
        }
        return []
    }

    /// Esc: out of the detail, then the marks, then the search words, then the limit.
    private func back() throws -> [Effect<TriageOutcome>] {
        if state.panes.focus == .detail {
            leaveDetail()
        } else if state.kind == .applications, !triage.marks.isEmpty {
            let count = triage.marks.count
            triage.marks.clear()
            state.marks = triage.marks
            return state.toasts.show("cleared \(count) mark\(count == 1 ? "" : "s")")
        } else if state.kind == .postings, !review.marked.isEmpty {
            review.marked.removeAll()
            state.postingMarks = []
        } else if state.kind == .applications, !triage.searchWords.isEmpty {
            return applyLimit(pattern: triage.pattern, words: "")
        }
        return []
    }

    /// Back from the detail to the list. Leaving an opened application lets go of its claim
    /// at once: nobody else should see "being looked at" for five minutes after you left.
    func leaveDetail() {
        state.panes.focus = .queue
        releaseClaim()
    }

    /// Lets go of the claim on the opened application, if any (leaving it, or the console).
    public func releaseClaim() {
        guard let file = state.file else { return }
        try? triage.close(file.row.id)
        state.file = nil
        state.detailScroll = 0
    }

    /// Leaves the console, letting go of any claim first.
    func quit() -> [Effect<TriageOutcome>] {
        releaseClaim()
        return [.quit]
    }

    func switchQueue(to kind: TriageQueueKind) throws -> [Effect<TriageOutcome>] {
        if state.kind == .applications, let file = state.file {
            try? triage.close(file.row.id)
            state.file = nil
        }
        let before = state.kind
        state.kind = kind
        state.detailScroll = 0
        state.panes.focus = .queue
        try showSelection()
        return kind == .reports && before != .reports ? readReport() : []
    }

    func move(_ direction: ListMove) throws {
        if state.panes.focus == .detail {
            let (lines, height) = detailExtent
            state.detailScroll = ModalHost<TriagePurpose>.scrolled(state.detailScroll, by: direction, lines: lines, height: height)
            return
        }
        switch state.kind {
        case .applications: try state.queue.move(direction, source: triage.rows)
        case .postings: try state.postings.move(direction, source: PostingRows(review.postings))
        case .organizations: try state.organizations.move(direction, source: OrganizationRows(review.organizations))
        case .reports:
            let (lines, height) = detailExtent
            state.detailScroll = ModalHost<TriagePurpose>.scrolled(state.detailScroll, by: direction, lines: lines, height: height)
            return
        }
        try showSelection()
    }

    /// The detail pane's text lines and rows, as the view lays them out.
    var detailExtent: (lines: Int, height: Int) {
        if state.kind == .reports {
            let text = TriageLayout.report(state.panes.area(of: .queue).inset(by: 1))
            return (TextView.layout(TriageContent.detailBlocks(state), width: text.width - 1).count, text.height)
        }
        let inner = state.panes.area(of: .detail).inset(by: 1)
        let blocks = TriageContent.detailBlocks(state)
        return (TextView.layout(blocks, width: inner.width - 1).count, inner.height)
    }

    /// Enter: opens the selected application (claiming it for a few minutes, so other staff see
    /// "being looked at by …") with its whole history; in the other queues, focuses the detail.
    private func open() throws -> [Effect<TriageOutcome>] {
        guard state.kind == .applications else {
            state.panes.focus = .detail
            return []
        }
        guard let row = state.queue.selectedRow else { return state.toasts.show("the queue is empty", isError: true) }
        state.file = try triage.open(row)
        state.detailScroll = 0
        state.panes.focus = .detail
        if let holder = state.file?.heldBy {
            return state.toasts.show("being looked at by \(holder): a move still checks that nothing changed since you opened it", isError: true)
        }
        return []
    }

    // MARK: - Marks

    private func mark(_ action: StaffAction) throws -> [Effect<TriageOutcome>] {
        switch state.kind {
        case .applications:
            switch action {
            case .mark:
                guard let row = state.queue.selectedRow else { return [] }
                triage.marks.toggle(row)
                try state.queue.move(.down, source: triage.rows)
                try showSelection()
            case .markRange:
                if triage.marks.rangeAnchor == nil {
                    triage.marks.rangeAnchor = state.queue.state.selected
                    state.marks = triage.marks
                    return state.toasts.show("range starts here: move and press \(state.keyMap.keyNames(for: .markRange)) again")
                }
                let count = try triage.markRange(to: state.queue.state.selected)
                state.marks = triage.marks
                return state.toasts.show("marked \(count) in the range; \(triage.marks.count) marked")
            default:
                let count = try triage.markAllShown()
                state.marks = triage.marks
                return state.toasts.show("marked all \(count) the limit shows")
            }
            state.marks = triage.marks
        case .postings:
            guard state.postingsShowing == .pending else { return state.toasts.show("marks are for approving waiting postings", isError: true) }
            switch action {
            case .markAll:
                review.marked = Set(review.postings.map(\.ref))
            default:
                guard let posting = state.postings.selectedRow else { return [] }
                if review.marked.contains(posting.ref) { review.marked.remove(posting.ref) } else { review.marked.insert(posting.ref) }
                try state.postings.move(.down, source: PostingRows(review.postings))
                try showSelection()
            }
            state.postingMarks = review.marked
        case .organizations, .reports:
            return state.toasts.show("marks are for Applications and Postings", isError: true)
        }
        return []
    }

    // MARK: - Moves

    /// A transition key: refused at once when not legal from every target's status; a reject
    /// opens the reason form; a move on several rows asks first, naming the count.
    func ask(_ move: StaffMove) throws -> [Effect<TriageOutcome>] {
        guard state.kind == .applications else { return [] }
        let targets = triage.targets(selected: state.queue.selectedRow)
        if targets.isEmpty, let hidden = triage.marks.hiddenNote {
            return state.toasts.show("nothing to \(move.label): \(hidden); change the limit (\(state.keyMap.keyNames(for: .limit))) to see them, or \(state.keyMap.keyNames(for: .back)) to clear them",
                                     isError: true)
        }
        guard !targets.isEmpty else { return state.toasts.show("the queue is empty", isError: true) }
        if let stuck = targets.first(where: { !move.isLegal(from: $0.status) }) {
            let legal = triage.moves(for: targets).map(\.label)
            let offer = legal.isEmpty ? "no move suits all of them" : "you can " + legal.joined(separator: ", ")
            let which = targets.count == 1 ? "this application is" : "application \(stuck.id) is"
            return state.toasts.show("cannot \(move.label): \(which) \(stuck.status.label.lowercased()); \(offer)", isError: true)
        }
        // Marks the limit hides are never moved: the question says they stay as they are.
        let hidden = triage.marks.hiddenNote.map { " \($0.capitalizedFirst), stay as they are." } ?? ""
        if move == .reject {
            state.modals.open(.form(FormModal(TriageForms.reject(count: targets.count, hidden: triage.marks.hiddenNote), purpose: .reject(targets: targets))))
            return []
        }
        if targets.count > 1 || !hidden.isEmpty {
            let what = targets.count == 1 ? "1 application" : "\(targets.count) applications"
            state.modals.open(.confirm(Confirmation(title: "\(move.label.capitalizedFirst) \(what)?",
                                                    message: "All of them move together, or none does. \(state.keyMap.keyNames(for: .undo)) undoes it.\(hidden)",
                                                    yes: move.label.capitalizedFirst, no: "Cancel", answer: .screen(.move(move, targets: targets)))))
            return []
        }
        return try perform(move, on: targets)
    }

    func perform(_ move: StaffMove, on targets: [TriageRow], reason: RejectionReason? = nil, note: MoveNote? = nil) throws -> [Effect<TriageOutcome>] {
        do {
            return try moved(move, try triage.move(move, on: targets, reason: reason, note: note))
        } catch CatalogueError.changedSinceOpened(let id, let now) {
            // Someone else moved it: show the queue as it is now, and say so.
            try triage.reload()
            try readQueue(reset: false)
            return state.toasts.show("application \(id) was changed by someone else since you opened it: it is now \(now.label.lowercased()); nothing was moved",
                                     isError: true)
        }
    }

    /// After a move: undo offered, the queue read again, and what happened said.
    func moved(_ move: StaffMove, _ action: TriageAction) throws -> [Effect<TriageOutcome>] {
        state.canUndo = true
        releaseClaim()
        try readQueue(reset: false)
        let count = action.applications.count
        let hidden = triage.marks.hiddenNote.map { "; \($0), still marked" } ?? ""
        return state.toasts.show("\(move.label): \(count) application\(count == 1 ? "" : "s") now \(move.target.label.lowercased()) (\(state.keyMap.keyNames(for: .undo)) undoes)\(hidden)")
    }

    // MARK: - Records and views

    private func openStudentRecord() throws -> [Effect<TriageOutcome>] {
        guard let row = state.queue.selectedRow else { return state.toasts.show("the queue is empty", isError: true) }
        let record = try triage.studentRecord(row.studentUsername)
        state.modals.open(.text(TextOverlay(title: "Student record · \(record.student.name) (viewing is audited)",
                                            blocks: TriageContent.studentRecordBlocks(record), purpose: .studentRecord)))
        return []
    }

    func openViews(selected: Int = 0) throws -> [Effect<TriageOutcome>] {
        let views = try triage.views()
        state.modals.open(.list(viewsOverlay(views, selected: selected)))
        return []
    }

    func viewsOverlay(_ views: [TriageView], selected: Int) -> ListOverlay<TriagePurpose> {
        ListOverlay(title: "Views (\(views.count)) · :view save NAME saves the limit",
                    columns: [ListColumn("Name", .fixed(38)), ListColumn("Limit", .flexible(min: 10))],
                    rows: views.map { [$0.name, $0.pattern] }, emptyMessage: "no saved views: set a limit (l), then :view save NAME",
                    scope: .staffViews, purpose: .views(views), selected: selected)
    }

    // MARK: - The limit and search line

    private func handleLineKey(_ key: Key) throws -> [Effect<TriageOutcome>] {
        guard var line = state.line else { return [] }
        switch state.keyMap.action(for: key, in: [.searchLine])?.intent {
        case .keepSearch?:
            let pattern = line.kind == .limit ? line.field.text : triage.pattern
            let words = line.kind == .search ? line.field.text : triage.searchWords
            do {
                // Checked here, at once: a bad pattern keeps the line open and says what is wrong.
                _ = try TriageViewModel.filter(pattern: pattern, words: words)
            } catch {
                return state.toasts.show("\(error)", isError: true)
            }
            state.line = nil
            return applyLimit(pattern: pattern, words: words)
        case .clearSearch?:
            state.line = nil
        case .quitNow?:
            return quit()
        default:
            _ = line.field.handle(key)
            state.line = line
        }
        return []
    }
}

extension TriageScreen {
    /// Applies a limit and search words in the background; the queue keeps showing what it
    /// showed ("limiting…" in its title) until the new rows and counts arrive.
    func applyLimit(pattern: String, words: String, refresh: Bool = false) -> [Effect<TriageOutcome>] {
        if !refresh { state.isLimiting = true }
        let catalogue = catalogue, viewer = session.username, order = triage.order, moment = now()
        let disclosingAs = refresh ? nil : session
        return [.run(.limitQueue) { task in
            do {
                let prepared = try TriageViewModel.prepare(catalogue: catalogue, viewer: viewer, order: order, at: moment,
                                                           pattern: pattern, words: words, disclosingAs: disclosingAs)
                return .queue(task.isSuperseded ? nil : prepared, failure: nil, refresh: refresh)
            } catch {
                return .queue(nil, failure: "\(error)", refresh: refresh)
            }
        }]
    }

    func adoptQueue(_ prepared: PreparedQueue?, failure: String?, refresh: Bool) throws -> [Effect<TriageOutcome>] {
        if !refresh { state.isLimiting = false }
        if let failure { return state.toasts.show(failure, isError: true) }
        guard let prepared else { return [] }
        // A refresh of a limit since replaced by a newer one is of no use.
        if refresh && (prepared.pattern != triage.pattern || prepared.words != triage.searchWords) { return [] }
        try triage.adopt(prepared)
        try readQueue(reset: !refresh)
        if refresh { return [] }
        let what = triage.pattern.isEmpty ? "no limit: everything needing action" : "limit: \(triage.pattern)"
        return state.toasts.show(what + (triage.searchWords.isEmpty ? "" : " · searching: \(triage.searchWords)") + " · \(triage.rows.count) shown")
    }

    /// Adopts a limit, then replays the keys typed while it was being applied.
    func adoptQueueAndReplay(_ prepared: PreparedQueue?, failure: String?, refresh: Bool) throws -> [Effect<TriageOutcome>] {
        let waiting = refresh ? [] : keysWhileLimiting
        if !refresh { keysWhileLimiting.removeAll() }
        var effects = try adoptQueue(prepared, failure: failure, refresh: refresh)
        // The keys typed meanwhile, in order, on the rows now shown (dropped if the limit failed).
        guard failure == nil, prepared != nil else { return effects }
        for key in waiting { effects += try handle(key) }
        return effects
    }
}

extension String {
    /// "shortlist" → "Shortlist".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
