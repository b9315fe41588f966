package a

// A close chosen by the loop's index runs on one iteration only.
func stepsFirst(steps []string, first chan struct{}) {
	for i, s := range steps {
		_ = s
		if i == 0 {
			close(first)
		}
	}
}

func stepsCounted(n int, first chan struct{}) {
	for i := 0; i < n; i++ {
		if i == 0 {
			close(first)
		}
	}
}
