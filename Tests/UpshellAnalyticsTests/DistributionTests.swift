import Testing
@testable import UpshellAnalytics
