/// Word lists for the synthetic catalogue: enough variety that searches and filters behave as
/// on real data (common and rare terms, every field, every compensation kind).
enum SyntheticVocabulary {
    static let skills = [
        "Python", "SQL", "Excel", "Google Sheets", "Tableau", "R", "JavaScript", "React", "Swift", "Figma",
        "Canva", "Adobe Illustrator", "Copywriting", "SEO", "Social Media", "Email Marketing", "Research",
        "Survey Design", "Interviewing", "Data Entry", "Bookkeeping", "Financial Modeling", "Salesforce",
        "Lead Generation", "Public Speaking", "Video Editing", "Photography", "Translation", "Technical Writing",
        "Grant Writing", "UX Research", "Accessibility", "Power BI", "HubSpot", "WordPress", "HTML", "CSS",
        "Project Management", "Customer Support", "Recruiting", "Onboarding", "Statistics", "Machine Learning",
        "Pandas", "Data Visualization", "Content Strategy", "Branding", "Illustration", "Podcasting",
        "Market Research", "Cold Outreach", "CRM", "Notion", "Airtable", "Zapier", "Spanish", "Mandarin",
        "French", "Proofreading", "Storytelling",
    ]
    static let topics = [
        "customer survey", "newsletter", "landing page", "donor database", "social media calendar", "pricing study",
        "onboarding guide", "sales pipeline", "brand refresh", "grant proposal", "event recap video", "market scan",
        "volunteer handbook", "inventory spreadsheet", "dashboard", "blog series", "podcast launch", "user interviews",
        "accessibility audit", "competitor analysis", "email campaign", "product catalogue", "alumni directory",
        "impact report", "web scraper", "chatbot script", "photo library", "job description set", "budget model",
        "lead list", "FAQ page", "case study", "style guide", "data cleanup", "A/B test analysis",
    ]
    static let verbs = [
        "Build", "Design", "Write", "Analyze", "Clean up", "Launch", "Audit", "Refresh", "Research", "Prototype",
        "Automate", "Draft", "Organize", "Map", "Translate", "Plan",
    ]
    static let clients = [
        "a neighbourhood bakery", "a campus food pantry", "a regional credit union", "a climate nonprofit",
        "a language school", "a biotech startup", "a public library", "a music festival", "a bike co-op",
        "a community clinic", "a museum shop", "an indie game studio", "a city council office", "a dance studio",
        "a farmers' market", "a tutoring center", "a café in Montréal", "a design studio in Tōkyō",
    ]
    static let organizationWords = [
        "Bright", "North", "Cedar", "Harbor", "Lumen", "Pioneer", "Summit", "Willow", "Atlas", "Civic", "Maple",
        "Orbit", "Prairie", "Quill", "River", "Sable", "Tidal", "Union", "Vista", "Zephyr",
    ]
    static let organizationSuffixes = [
        "Labs", "Collective", "Partners", "Foundation", "Studio", "Works", "Co-op", "Analytics", "Media", "Institute",
    ]
    static let cities = [
        "Boston", "Chicago", "Austin", "Toronto", "London", "Berlin", "São Paulo", "Tokyo", "Seoul", "Nairobi",
        "Melbourne", "Dublin", "Montréal", "Lisbon", "Denver",
    ]
    static let currencies = ["USD", "USD", "USD", "EUR", "GBP", "CAD"]
    static let firstNames = [
        "Amara", "Ben", "Chen", "Dana", "Elif", "Farah", "Gabriel", "Hana", "Iker", "Jonas", "Kofi", "Lena", "Mateo",
        "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomás", "Uma", "Vikram", "Wen", "Ximena", "Yuki", "Zoë",
    ]
    static let lastNames = [
        "Okafor", "Chen", "García", "Müller", "Nguyen", "Patel", "Kowalski", "Haddad", "Silva", "Kim", "Ivanova",
        "Mensah", "Rossi", "Tanaka", "O'Brien", "Larsen", "Dubois", "Ahmed", "Park", "Novak",
    ]
    static let programs = [
        "BSc Computer Science", "BA Economics", "BFA Graphic Design", "BA English", "BSc Statistics", "BBA Marketing",
        "BA Sociology", "BSc Biology", "MSc Data Science", "BA Communication",
    ]
}
