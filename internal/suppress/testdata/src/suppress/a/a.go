package a

func bad()  {}
func good() {}

func f() {
	bad() // want "call of bad"

	bad() //concvet:ignore toy the call is deliberate

	//concvet:ignore toy,other a comment alone on its line covers the next line
	bad()

	//concvet:ignore toy a comment covers its own line or the next, no more
	bad()
	bad() // want "call of bad"

	// Without a reason: the checker reports it, the analyzer obeys it.
	bad() //concvet:ignore toy

	good() /* want "concvet:ignore toy suppresses nothing here; remove it" */ //concvet:ignore toy stale

	// An unknown name is the checker's to report.
	good() //concvet:ignore nosuch some reason

	bad() /* want "call of bad" */ //concvet:ignore other not this analyzer

	bad() /* want "call of bad" */ //concvet:ignored is not the directive
}
