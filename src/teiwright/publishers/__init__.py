"""Publishers: TEI → HTML edition and print PDF, through XSLT 3.0 run by saxonche."""
