package io.kapi.sample;

/** Entry point of the runnable sample API server. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("kapi");
  }
}
