package dev.ailib.core.internal.response;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.TransportException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one redaction step of a call: masks every secret the call knows (its API key, the user-info of its base URL)
 * in any text that leaves the library (exception messages and accessors, {@code toString()}, log lines, telemetry).
 * Always applied before any truncation ({@link #clip}), so a cut can never leave part of a secret behind; and,
 * because other code (Jackson's error messages, a transport) may cut text on its own, any run of
 * {@value #FRAGMENT} or more characters of a secret is masked too, not only the whole secret.
 *
 * <p>Immutable and thread-safe. Secrets shorter than {@value #MIN_SECRET} characters are not masked (masking
 * "ab" everywhere would garble every message and protect nothing).
 */
public final class Redactor {
  /** What a masked secret becomes. */
  public static final String MASK = "[redacted]";
  /** The shortest secret masked. */
  static final int MIN_SECRET = 4;
  /** The shortest run of a secret's characters masked on its own (a secret cut by someone else's truncation). */
  static final int FRAGMENT = 8;

  /** A redactor that knows no secret. */
  public static final Redactor NONE = new Redactor(List.of());

  private final List<String> secrets;
  /** The secrets' runs of {@value #FRAGMENT} characters, built on the first redaction (most calls never redact). */
  private volatile Set<String> fragments;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  private Set<String> fragments() {
    Set<String> f = fragments;
    if (f == null) {
      Set<String> built = new HashSet<>();
      for (String s : secrets) {
        for (int i = 0; i + FRAGMENT <= s.length(); i++) {
          built.add(s.substring(i, i + FRAGMENT));
        }
      }
      f = Set.copyOf(built);
      fragments = f; // a race builds the same set twice, harmlessly
    }
    return f;
  }

  /**
   * A redactor for the given secrets (nulls and secrets shorter than {@value #MIN_SECRET} characters are ignored).
   *
   * @param secrets the secrets
   * @return the redactor
   */
  public static Redactor of(String... secrets) {
    Set<String> kept = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_SECRET) {
        kept.add(s);
      }
    }
    if (kept.isEmpty()) {
      return NONE;
    }
    List<String> sorted = new ArrayList<>(kept);
    sorted.sort(Comparator.comparingInt(String::length).reversed()); // a longer secret may contain a shorter one
    return new Redactor(List.copyOf(sorted));
  }

  /**
   * The redactor of one call: its credential and the user-info of its base URL (raw, decoded, and the password
   * alone).
   *
   * @param apiKey the credential, or null
   * @param baseUrl the base URL, or null
   * @return the redactor
   */
  public static Redactor forCall(String apiKey, URI baseUrl) {
    String raw = baseUrl == null ? null : baseUrl.getRawUserInfo();
    if (raw == null) {
      return of(apiKey);
    }
    String decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    int colon = raw.indexOf(':');
    String rawPassword = colon < 0 ? null : raw.substring(colon + 1);
    int dColon = decoded.indexOf(':');
    String password = dColon < 0 ? null : decoded.substring(dColon + 1);
    return of(apiKey, raw, decoded, rawPassword, password);
  }

  /**
   * This redactor plus the secrets of another.
   *
   * @param other another redactor
   * @return a redactor masking both sets
   */
  public Redactor and(Redactor other) {
    if (other.secrets.isEmpty()) {
      return this;
    }
    if (secrets.isEmpty()) {
      return other;
    }
    List<String> all = new ArrayList<>(secrets);
    all.addAll(other.secrets);
    return of(all.toArray(new String[0]));
  }

  /** Whether this redactor knows no secret. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /**
   * The text with every secret, and every run of {@value #FRAGMENT}+ characters of one, replaced by
   * {@value #MASK}.
   *
   * @param text any text, may be null
   * @return the masked text (the same instance when nothing was masked)
   */
  public String redact(String text) {
    if (text == null || secrets.isEmpty() || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    Set<String> f = fragments();
    return f.isEmpty() ? out : maskFragments(out, f);
  }

  private static String maskFragments(String text, Set<String> fragments) {
    int n = text.length();
    if (n < FRAGMENT) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i + FRAGMENT <= n) {
      if (!fragments.contains(text.substring(i, i + FRAGMENT))) {
        i++;
        continue;
      }
      int end = i + FRAGMENT;
      // extend the masked run while the next window is still part of a secret
      while (end < n && fragments.contains(text.substring(end - FRAGMENT + 1, end + 1))) {
        end++;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(text, copied, i).append(MASK);
      copied = end;
      i = end;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  /**
   * Masks, then cuts: the text redacted, then shortened to {@code max} characters plus "..." when longer.
   *
   * @param text any text, may be null
   * @param max the longest result before the ellipsis
   * @return the masked, cut text
   */
  public String clip(String text, int max) {
    String r = redact(text);
    if (r == null || r.length() <= max) {
      return r;
    }
    int cut = max;
    if (cut > 0 && Character.isHighSurrogate(r.charAt(cut - 1))) {
      cut--; // never split a surrogate pair
    }
    return r.substring(0, cut) + "...";
  }

  /**
   * Whether a text shows a secret (or a run of {@value #FRAGMENT}+ characters of one).
   *
   * @param text any text, may be null
   * @return true when {@link #redact} would change it
   */
  public boolean reveals(String text) {
    return text != null && !secrets.isEmpty() && !redact(text).equals(text);
  }

  /**
   * The exception as the caller may see it: the same instance when neither its message, its accessors, its causes
   * nor its suppressed exceptions show a secret; otherwise a copy of the same type and code with every text masked
   * (a cause that shows a secret is replaced by a stand-in carrying its class name and masked message).
   *
   * @param e the exception
   * @return the exception to throw or report
   */
  public AiLibException apply(AiLibException e) {
    if (secrets.isEmpty() || !showsSecret(e, 0)) {
      return e;
    }
    Throwable cause = safe(e.getCause(), 0);
    AiLibException copy;
    if (e instanceof RemoteException r) {
      copy = new RemoteException(r.errorType(), redact(r.getMessage()), r.statusCode(),
          redact(r.providerCode().orElse(null)), redact(r.requestId().orElse(null)), r.retryAfter().orElse(null));
      if (cause != null) {
        copy.initCause(cause);
      }
    } else if (e instanceof TransportException t) {
      copy = new TransportException(t.kind(), redact(t.getMessage()), cause);
    } else if (e instanceof ProtocolException p) {
      String m = p.getMessage();
      String prefix = p.location().map(l -> l + ": ").orElse(null);
      if (prefix != null && m != null && m.startsWith(prefix)) {
        copy = new ProtocolException(p.errorType(), redact(m.substring(prefix.length())), p.location().get(), cause);
      } else {
        copy = new ProtocolException(p.errorType(), redact(m), null, cause);
      }
    } else if (e instanceof CancelledException) {
      copy = new CancelledException(redact(e.getMessage()), cause);
    } else {
      copy = new AiLibException(e.errorType(), redact(e.getMessage()), cause);
    }
    copy.setStackTrace(e.getStackTrace());
    for (Throwable s : e.getSuppressed()) {
      Throwable kept = s instanceof AiLibException a ? apply(a) : safe(s, 0);
      if (kept != null) {
        copy.addSuppressed(kept);
      }
    }
    return copy;
  }

  private boolean showsSecret(Throwable t, int depth) {
    if (t == null || depth > 16) {
      return false;
    }
    if (reveals(t.getMessage()) || reveals(t.toString())) {
      return true;
    }
    if (t instanceof RemoteException r
        && (reveals(r.providerCode().orElse(null)) || reveals(r.requestId().orElse(null)))) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (showsSecret(s, depth + 1)) {
        return true;
      }
    }
    return t.getCause() != t && showsSecret(t.getCause(), depth + 1);
  }

  private Throwable safe(Throwable t, int depth) {
    if (t == null || depth > 16) {
      return null;
    }
    if (!showsSecret(t, 0)) {
      return t;
    }
    if (t instanceof AiLibException a) {
      return apply(a);
    }
    Redacted r = new Redacted(t.getClass().getName(), redact(t.getMessage()), safe(t.getCause(), depth + 1));
    r.setStackTrace(t.getStackTrace());
    return r;
  }

  /** Stands in for a cause whose message showed a secret: its class name and the masked message. */
  static final class Redacted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String originalClass;

    Redacted(String originalClass, String message, Throwable cause) {
      super(message, cause);
      this.originalClass = originalClass;
    }

    @Override
    public String toString() {
      String m = getMessage();
      return originalClass + " (redacted)" + (m == null ? "" : ": " + m);
    }
  }

  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secret(s)]";
  }
}
