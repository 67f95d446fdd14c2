// UpshellAnalytics placeholder
