print("seplaw")
