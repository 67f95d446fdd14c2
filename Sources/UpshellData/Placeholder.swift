// UpshellData placeholder
