/*
 * THE REFERENCE for the P.56 tests: a literal transcription of the ITU-T G.191 Software Tool Library's sv-p56.c
 * (init_speech_voltmeter, speech_voltmeter, bin_interp; method B of ITU-T P.56) as published in the STL, driven by
 * a main() in the manner of sv56demo: 16-bit samples are converted to float by dividing by 32768 (so 0 dBov is the
 * RMS of a full-scale square wave), fed in blocks of 256, and the results printed.
 * No STL binary or source is available on this machine; this is written from the published algorithm and must stay
 * independent of src/MediaCompiler.Audio/Loudness (the C# under test).
 *
 * Build and use: cc -O2 -o sv-p56-ref sv-p56-ref.c -lm
 *                sox in.wav -t raw -e signed -b 16 -c 1 - | ./sv-p56-ref RATE
 * Prints: active_level_dBov activity_factor long_term_level_dBov samples
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define T 0.03          /* in [s]: time constant of smoothing */
#define H 0.20          /* in [s]: hangover time */
#define M 15.9          /* in [dB]: margin between threshold and active level */
#define THRES_NO 15     /* number of thresholds in the speech voltmeter */
#define MIN_LOG_OFFSET 1.0e-20  /* hooked to eliminate sigularity with log(0.0) */

typedef struct {
  double f;                    /* (float) sampling frequency, in Hz */
  unsigned long a[THRES_NO];   /* activity count */
  double c[THRES_NO];          /* threshold level */
  unsigned long hang[THRES_NO];/* hangover count */
  unsigned long n;             /* number of samples read since last reset */
  double s;                    /* sum of all samples since last reset */
  double sq;                   /* squared sum of samples since last reset */
  double p;                    /* intermediate quantities */
  double q;                    /* envelope */
  double max;                  /* max absolute value found since last reset */
  double refdB;                /* 0 dB reference point, in [dB] */
  double rmsdB;                /* long-term rms level */
  double maxP, maxN;           /* maximum positive, negative values found */
  double DClevel;              /* average level since last reset */
  double ActivityFactor;       /* Activity factor since last reset */
  unsigned long I;             /* hangover in samples */
  double g;                    /* smoothing coefficient */
} SVP56_state;

void init_speech_voltmeter (SVP56_state *state, double sampl_freq)
{
  double x;
  short j;

  /* First initializations */
  state->f = sampl_freq;
  state->I = (unsigned long) floor (H * state->f + 0.5);
  state->g = exp (-1.0 / (state->f * T));

  /* Inits thresholds */
  for (x = 0.5, j = 1; j <= THRES_NO; j++, x /= 2.0)
    state->c[THRES_NO - j] = x;

  /* Inits activity and hangover count vectors */
  for (j = 0; j < THRES_NO; j++) {
    state->a[j] = 0;
    state->hang[j] = state->I;
  }

  /* Inits other quantities */
  state->s = state->sq = state->p = state->q = 0;
  state->n = 0;
  state->max = 0;
  state->maxP = -32768.;
  state->maxN = 32767.;
  state->refdB = 0;   /* dBov */
  state->DClevel = 0;
  state->ActivityFactor = 0;
  state->rmsdB = 0;
}

double bin_interp (double upcount, double lwcount, double upthr, double lwthr, double Margin, double tol)
{
  double midcount, midthr, diff;
  long iterno;

  /* Consistency check */
  if (tol < 0.)
    tol = -tol;

  /* Check if extreme counts are not already the true active value */
  iterno = 1;
  if ((diff = fabs ((upcount - upthr) - Margin)) < tol)
    return upcount;
  if ((diff = fabs ((lwcount - lwthr) - Margin)) < tol)
    return lwcount;

  /* Initialize first middle for given (initial) bounds */
  midcount = (upcount + lwcount) / 2.0;
  midthr = (upthr + lwthr) / 2.0;

  /* Repeats loop until `diff' falls inside the tolerance (-tol<=diff<=tol) */
  while ((diff = (midcount - midthr) - Margin, fabs (diff)) > tol) {
    /* if tolerance is not met up to 20 iteractions, then relax the tolerance by 10% */
    iterno++;
    if (iterno > 20)
      tol *= 1.1;

    if (diff > tol) {           /* then new bounds are ... */
      midcount = (upcount + midcount) / 2.0;  /* upper and middle activities */
      midthr = (upthr + midthr) / 2.0;        /* ... and thresholds */
      lwcount = midcount;                     /* v2.3 (2005): the bounds follow the interpolation */
      lwthr = midthr;
    } else if (diff < -tol) {   /* then new bounds are ... */
      midcount = (midcount + lwcount) / 2.0;  /* middle and lower activities */
      midthr = (midthr + lwthr) / 2.0;        /* ... and thresholds */
      upcount = midcount;                     /* v2.3 (2005): the bounds follow the interpolation */
      upthr = midthr;
    }
  }

  /* Since the tolerance has been satisfied, midcount is selected as the interpolated value with a tol [dB] tolerance. */
  return (midcount);
}

double speech_voltmeter (float *buffer, long smpno, SVP56_state *state)
{
  long k;
  short j;
  unsigned long I;
  double g, x;
  double AdB, CdB, AdB_prev = 0, CdB_prev = 0;
  double LongTermLevel, ActiveSpeechLevel;

  I = state->I;
  g = state->g;

  for (k = 0; k < smpno; k++) {
    x = (double) buffer[k];

    /* Compare the sample with the max. already found for the file */
    if (fabs (x) > state->max)
      state->max = fabs (x);
    if (x > state->maxP)
      state->maxP = x;
    if (x < state->maxN)
      state->maxN = x;

    /* Implements Eq. 2 of P.56 */
    state->s += x;
    state->sq += x * x;

    /* Implements Eq. 3 and 4 of P.56: two-stage smoothing of the rectified signal */
    state->p = g * state->p + (1 - g) * ((x > 0) ? x : -x);
    state->q = g * state->q + (1 - g) * state->p;

    /* Apply the threshold algorithm */
    for (j = 0; j < THRES_NO; j++) {
      if (state->q >= state->c[j]) {
        state->a[j]++;
        state->hang[j] = 0;
      }
      if ((state->q < state->c[j]) && (state->hang[j] < I)) {
        state->a[j]++;
        state->hang[j]++;
      }
      /* else: activity counts not updated */
    }
  }
  state->n += smpno;

  /* Computes the statistics */
  state->DClevel = state->s / state->n;
  LongTermLevel = 10 * log10 (state->sq / state->n + MIN_LOG_OFFSET);
  state->rmsdB = LongTermLevel - state->refdB;
  state->ActivityFactor = 0;
  ActiveSpeechLevel = -100.0;

  /* Test the lower active counter; if 0, is silence */
  if (state->a[0] == 0)
    return (ActiveSpeechLevel);
  else
    AdB = 10 * log10 (((state->sq) / state->a[0]) + MIN_LOG_OFFSET);

  /* Test if the lower act.counter is below the margin: if yes, is silence */
  CdB = 20 * log10 ((double) state->c[0]);
  if (AdB - CdB < M)
    return (ActiveSpeechLevel);

  /* Proceed serially for steps 2 and up -- this is the most common case */
  AdB_prev = AdB;
  CdB_prev = CdB;
  for (j = 1; j < THRES_NO; j++) {
    if (state->a[j] != 0) {
      AdB = 10 * log10 (((state->sq) / state->a[j]) + MIN_LOG_OFFSET);
      CdB = 20 * log10 ((double) state->c[j]) + MIN_LOG_OFFSET;
      if (AdB - CdB <= M) {
        /* Interpolates between this threshold and the previous one, where the margin was exceeded */
        ActiveSpeechLevel = bin_interp (AdB, AdB_prev, CdB, CdB_prev, M, 0.5 /* dB */);
        state->ActivityFactor = pow (10.0, (LongTermLevel - ActiveSpeechLevel) / 10);
        break;
      }
      AdB_prev = AdB;
      CdB_prev = CdB;
    }
  }

  return (ActiveSpeechLevel - state->refdB);
}

int main (int argc, char **argv)
{
  SVP56_state state;
  short raw[256];
  float block[256];
  size_t got, i;
  double level = -100.0;

  if (argc != 2) {
    fprintf (stderr, "usage: %s SAMPLE_RATE < samples.s16le\n", argv[0]);
    return 2;
  }

  init_speech_voltmeter (&state, atof (argv[1]));
  while ((got = fread (raw, sizeof (short), 256, stdin)) > 0) {
    for (i = 0; i < got; i++)
      block[i] = (float) (raw[i] / 32768.0);   /* as sh2fl: full scale is 1.0 */
    level = speech_voltmeter (block, (long) got, &state);
  }

  printf ("%.4f %.6f %.4f %lu\n", level, state.ActivityFactor, state.rmsdB, state.n);
  return 0;
}
