package check

func work() {}

func f() {
	work() //concvet:ignore toy the call is deliberate

	work() /* want "concvet:ignore toy needs a reason" */ //concvet:ignore toy

	work() /* want "concvet:ignore other needs a reason" */ //concvet:ignore other

	work() /* want "concvet:ignore names unknown analyzer nosuch" */ //concvet:ignore toy,nosuch some reason

	work() /* want "concvet:ignore names no analyzer" */ //concvet:ignore

	work() //concvet:ignored is not the directive
}
