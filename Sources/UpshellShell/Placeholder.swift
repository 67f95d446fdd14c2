// UpshellShell placeholder
