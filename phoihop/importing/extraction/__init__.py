"""Legacy Vietnamese encodings (TCVN3, VNI), shared by the article and spreadsheet readers."""
