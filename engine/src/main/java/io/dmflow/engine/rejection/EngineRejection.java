package io.dmflow.engine;

/**
 * A command the engine refuses, with the status and title the Camunda gateway would answer;
 * becomes an application/problem+json response.
 */
public class EngineRejection extends RuntimeException {
  private final int status;
  private final String title;

  public EngineRejection(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public int status() { return status; }
  public String title() { return title; }

  public static EngineRejection notFound(String detail) { return new EngineRejection(404, "NOT_FOUND", detail); }
  public static EngineRejection invalidState(String detail) { return new EngineRejection(409, "INVALID_STATE", detail); }
  public static EngineRejection alreadyExists(String detail) { return new EngineRejection(409, "ALREADY_EXISTS", detail); }
  public static EngineRejection invalidArgument(String detail) { return new EngineRejection(400, "INVALID_ARGUMENT", detail); }
  public static EngineRejection deadlineExceeded(String detail) { return new EngineRejection(504, "DEADLINE_EXCEEDED", detail); }
}
