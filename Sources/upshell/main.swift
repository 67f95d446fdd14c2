import UpshellShell
print("upshell")
