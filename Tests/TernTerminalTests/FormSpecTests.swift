import Testing
import TernStore
import TernViewModels
@testable import TernTerminal

/// Issue 19, point 7: every form is declared once over its draft; a draft opened in its form and
/// read back is the same draft, and a choice reads back as the value it shows, never an index.
@Suite struct FormSpecTests {
    /// `draft` through its form and back; `draft` must differ from the blank in every field, so
    /// no binding goes untested.
    func roundTrip<Draft: Equatable>(_ spec: FormSpec<Draft>, _ draft: Draft, sourceLocation: SourceLocation = #_sourceLocation) {
        let form = spec.form(title: "Round trip", draft), blank = spec.form(title: "Round trip", spec.blank)
        for (shown, empty) in zip(form.fields, blank.fields) {
            #expect(shown.value != empty.value, "\(shown.label) shows the blank draft's value", sourceLocation: sourceLocation)
        }
        #expect(spec.draft(from: form) == draft, sourceLocation: sourceLocation)
    }

    @Test func everyStudentFormReadsBackTheDraftItOpenedWith() {
        var filters = ListingFilters(OpportunityQuery())
        (filters.sort, filters.fields, filters.locationKinds, filters.pay) = (.pay, [.design, .writing], [.hybrid], .kind(.stipend))
        (filters.skills, filters.maxHours, filters.maxDurationDays) = ("Python, SQL", "20", "30")
        (filters.deadlineWithinDays, filters.organization, filters.includeClosed) = ("7", "Acme", true)
        roundTrip(FormBuilder.filtersSpec(signedIn: true), filters)
        roundTrip(FormBuilder.filtersSpec(signedIn: false), filters)
        filters.sort = .match
        roundTrip(FormBuilder.filtersSpec(signedIn: true), filters)
        roundTrip(FormBuilder.saveSearchSpec, "remote design")
        roundTrip(FormBuilder.applySpec, ApplicationDraft(coverNote: "I can.\nTwo lines.", portfolioLink: "https://example.org", hoursOffered: "12"))
        roundTrip(FormBuilder.deliverSpec, "https://example.org/work")
        roundTrip(FormBuilder.rateSpec, FeedbackDraft(rating: 4, strengths: "clear brief", improvements: "slow replies", comment: "good"))
        roundTrip(FormBuilder.profileSpec, ProfileDraft(skills: "Python (advanced), SQL", interests: [.software, .research], hoursPerWeek: "8"))
    }

    @Test func everyConsoleFormReadsBackTheDraftItOpenedWith() {
        var reject = RejectDraft()
        (reject.reason, reject.note.text, reject.note.visibility) = (ReasonDraft(code: .other, other: "moved abroad"), "told by phone", .staff)
        roundTrip(TriageForms.rejectSpec, reject)
        var note = NoteDraft(movingTo: nil)
        (note.text, note.visibility) = ("asked for a call", .shared)
        roundTrip(TriageForms.noteSpec, note)
        let moves: [StaffMove] = [.shortlist, .reject]
        roundTrip(TriageForms.decisionSpec(moves: moves), DecisionDraft(move: .reject, reason: ReasonDraft(code: .other, other: "budget cut")))
        roundTrip(TriageForms.feedbackSpec, FeedbackDraft(rating: 2, strengths: "on time", improvements: "tests", comment: "fine"))
        roundTrip(TriageForms.declineSpec, DeclineDraft(reason: .upfrontCost, note: "asks for a $40 kit"))
        roundTrip(TriageForms.noteOnlySpec, "fixed the pay")
        var listing = ListingFormText()
        (listing.title, listing.organization, listing.field, listing.brief) = ("Logo", "Acme", .design, "A logo.\nVector.")
        (listing.deliverables, listing.skills, listing.hours, listing.durationDays) = ("SVG\nPNG", "Illustrator", "12", "14")
        (listing.schedule, listing.startsOn, listing.deadline) = (.fixed, "2026-04-01", "2026-03-20")
        (listing.compensationKind, listing.amount, listing.locationKind, listing.city, listing.spots) = (.hourly, "USD 40", .hybrid, "Lyon", "2")
        roundTrip(TriageForms.listingSpec, listing)
    }

    /// The choice moved with the keys a person presses reads back as the enum value it shows.
    @Test func aChoiceReadsBackTheEnumValueItShows() throws {
        var form = TriageForms.listing(ListingFormText(), title: "New listing")
        form.focus = try #require(form.fields.firstIndex { $0.label == "Where" })
        for _ in 0..<2 { _ = form.giveToFocusedField(.right) }
        #expect(TriageForms.listingSpec.draft(from: form).locationKind == .hybrid)
        _ = form.giveToFocusedField(.right)   // wraps round to the first
        #expect(TriageForms.listingSpec.draft(from: form).locationKind == .remote)

        var decision = TriageForms.decisionSpec(moves: [.shortlist, .reject]).form(title: "Decide", DecisionDraft(move: .shortlist))
        _ = decision.giveToFocusedField(.left)
        #expect(TriageForms.decisionSpec(moves: [.shortlist, .reject]).draft(from: decision).move == .reject)

        var filters = FormBuilder.filters(OpportunityQuery(), signedIn: true)
        filters.focus = 3   // Pay: any, paid only, then each kind
        for _ in 0..<4 { _ = filters.giveToFocusedField(.right) }
        #expect(FormBuilder.filtersSpec(signedIn: true).draft(from: filters).pay == .kind(.stipend))
    }

    @Test func aChecklistReadsBackTheSetOfValuesChecked() {
        var form = FormBuilder.profile(ProfileDraft(skills: "", interests: [.software], hoursPerWeek: ""))
        form.focus = 1
        _ = form.giveToFocusedField(.character(" "))   // Marketing, the first
        _ = form.giveToFocusedField(.right)
        _ = form.giveToFocusedField(.character(" "))   // Software, unchecked
        #expect(FormBuilder.profileSpec.draft(from: form).interests == [.marketing])
    }

    @Test func theStudentsRatingIsNoneUntilStarsAreChosen() {
        var form = FormBuilder.rate(title: "Logo", organization: "Acme")
        #expect(FormBuilder.rateSpec.draft(from: form).rating == nil)
        _ = form.giveToFocusedField(.right)
        #expect(FormBuilder.rateSpec.draft(from: form).rating == 5)
        #expect(TriageForms.feedbackSpec.draft(from: TriageForms.organizationFeedback(Self.row)).rating == 5)
    }

    @Test func otherReasonTextUnderAnotherReasonIsRefusedNotDropped() throws {
        let typed = ReasonDraft(code: .positionFilled, other: "moved abroad")
        #expect(throws: CatalogueError.self) { try typed.rejection() }
        #expect(try ReasonDraft(code: .other, other: "moved abroad").rejection() == .other("moved abroad"))
        #expect(try DecisionDraft(move: .shortlist, reason: typed).decided() == (.shortlist, nil))
    }

    /// A choice index the form never offered is a mistake in the code: it stops, never clamps.
    @Test func aChoiceOutsideItsOptionsStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            var form = TriageForms.decline(title: "Decline", subtitle: "")
            guard case .choice(var choice) = form.fields[0].control else { return }
            choice.selected = 99
            form.fields[0].control = .choice(choice)
            _ = TriageForms.declineSpec.draft(from: form)
        }
    }

    /// A form some other spec built is not read as this one's.
    @Test func aFormFromAnotherSpecStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            _ = TriageForms.declineSpec.draft(from: TriageForms.noteOnly(title: "Resubmit", subtitle: ""))
        }
    }

    static let row = TriageRow(id: 7, status: .submitted, version: 1, updatedAt: "2026-03-01T00:00:00Z", waitingDays: 1,
                               studentUsername: "jgarcia", studentName: "Julia García", opportunityRef: "x", opportunityTitle: "X",
                               organization: "Acme")
}
