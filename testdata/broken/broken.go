package broken

func f() { undefinedThing() }
