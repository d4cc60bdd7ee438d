read_csv("/etc/passwd")
