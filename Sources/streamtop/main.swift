print("streamtop")
