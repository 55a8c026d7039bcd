// The Greeting interface of the greeter and its visitors.
import { defineInterface } from 'nido';

export interface Greeting {
  greet(name: string): string;
}

export const Greeting = defineInterface<Greeting>('Greeting', ['greet']);
