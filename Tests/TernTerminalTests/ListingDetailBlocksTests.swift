import Foundation
import Testing
import TernCatalogue
import TernViewModels
@testable import TernTerminal

/// One listing renderer: the kiosk, a guest, a signed-in student and the console's posting
/// review read a listing's facts in the same words, and pay reads one way in every list.
@Suite(.serialized) struct ListingDetailBlocksTests {
    @Test func theKioskAndAGuestReadTheSameDetailAndAStudentOnlyAddsWhatIsTheirs() throws {
        let kiosk = try KioskHarness()
        let detail = try #require(kiosk.state.detail)
        let publicBlocks = KioskView.detailBlocks(detail)
        #expect(PaneContent.detailBlocks(detail, isGuest: true) == publicBlocks)
        var mine = detail
        mine.isSaved = true
        let student = PaneContent.detailBlocks(mine, isGuest: false)
        // Everything the public reads is there, in order; what is added is the student's own.
        let added = student.filter { !publicBlocks.contains($0) }
        #expect(publicBlocks.allSatisfy(student.contains))
        #expect(added.contains { if case .field(label: "Saved", _, _) = $0 { true } else { false } }, "\(added)")
        #expect(added.contains { if case .field(label: "You", _, _) = $0 { true } else { false } }, "\(added)")
        #expect(added.allSatisfy { if case .field(let label, _, _) = $0 { ["You", "Saved", "For you"].contains(label) } else { false } }, "\(added)")
    }

    @Test func theConsoleReviewsAPostingInTheListingsOwnWords() throws {
        let kiosk = try KioskHarness()
        let listing = try #require(kiosk.state.detail).opportunity
        let review = try #require(try kiosk.demo.catalogue.postings(approval: .approved).first { $0.ref == listing.ref })
        let blocks = TriageContent.postingBlocks(PostingDetail(review: review, listing: listing, decisions: []), keyMap: StaffAction.defaultKeyMap)
        let facts = ListingDetailBlocks.facts(listing, deadline: listing.deadline.description) + ListingDetailBlocks.body(listing)
        #expect(blocks.contains(.field(label: "Pay", value: PayText.full(listing.compensationKind, listing.compensation))))
        #expect(facts.allSatisfy(blocks.contains), "\(facts.filter { !blocks.contains($0) })")
    }

    @Test func payReadsOneWayInListsAndAnotherInDetail() {
        let fee = Money(cents: 30_000, currency: "USD"), rate = Money(cents: 1_700, currency: "USD")
        #expect(PayText.compact(.hourly, rate) == "USD 17/h")
        #expect(PayText.compact(.stipend, fee) == "USD 300")
        #expect(PayText.compact(.certificate, nil) == "Certificate")
        #expect(PayText.full(.hourly, rate) == "USD 17 per hour")
        #expect(PayText.full(.fixedFee, fee) == "USD 300 (fixed fee)")
        #expect(PayText.full(.academicCredit, nil) == "Academic credit")
    }
}
