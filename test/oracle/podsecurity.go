package main

// Pod Security Standards, judged by k8s.io/pod-security-admission's own
// checks at "latest" (the checks of its release, 1.28).

import (
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	psapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type PodSecurity struct {
	// Level is the highest level the pod meets.
	Level string `json:"level"`
	// Violations lists, for each level the pod fails, "reason: detail" of
	// each failed check, in the order the checks run. The restricted list
	// includes the baseline checks the pod fails (restricted includes them).
	Violations map[string][]string `json:"violations"`
}

var evaluator policy.Evaluator

func init() {
	var err error
	evaluator, err = newEvaluator()
	if err != nil {
		panic(err)
	}
}

// podTemplateOf returns the pod metadata and spec an object makes pods from,
// for the versions a 1.28 server serves; ok is false for other objects.
func podTemplateOf(obj runtime.Object) (*metav1.ObjectMeta, *corev1.PodSpec, bool) {
	switch o := obj.(type) {
	case *corev1.Pod:
		return &o.ObjectMeta, &o.Spec, true
	case *corev1.ReplicationController:
		if o.Spec.Template == nil {
			return &metav1.ObjectMeta{}, &corev1.PodSpec{}, true
		}
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, true
	case *appsv1.Deployment:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, true
	case *appsv1.StatefulSet:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, true
	case *appsv1.DaemonSet:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, true
	case *appsv1.ReplicaSet:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, true
	case *batchv1.Job:
		return &o.Spec.Template.ObjectMeta, &o.Spec.Template.Spec, true
	case *batchv1.CronJob:
		return &o.Spec.JobTemplate.Spec.Template.ObjectMeta, &o.Spec.JobTemplate.Spec.Template.Spec, true
	}
	return nil, nil, false
}

// judgePodSecurity evaluates a defaulted, versioned object; nil when the
// object makes no pods.
func judgePodSecurity(obj runtime.Object) *PodSecurity {
	meta, spec, ok := podTemplateOf(obj)
	if !ok {
		return nil
	}
	ps := &PodSecurity{Level: string(psapi.LevelPrivileged), Violations: map[string][]string{}}
	failed := func(level psapi.Level) []string {
		out := []string{}
		for _, r := range evaluator.EvaluatePod(psapi.LevelVersion{Level: level, Version: psapi.LatestVersion()}, meta, spec) {
			if r.Allowed {
				continue
			}
			s := r.ForbiddenReason
			if r.ForbiddenDetail != "" {
				s += ": " + r.ForbiddenDetail
			}
			out = append(out, s)
		}
		return out
	}
	restricted := failed(psapi.LevelRestricted)
	if len(restricted) == 0 {
		ps.Level = string(psapi.LevelRestricted)
		return ps
	}
	ps.Violations[string(psapi.LevelRestricted)] = restricted
	baseline := failed(psapi.LevelBaseline)
	if len(baseline) == 0 {
		ps.Level = string(psapi.LevelBaseline)
		return ps
	}
	ps.Violations[string(psapi.LevelBaseline)] = baseline
	return ps
}
