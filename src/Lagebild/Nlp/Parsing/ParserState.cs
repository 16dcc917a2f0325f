namespace Lagebild.Nlp.Parsing;

/// <summary>
/// A configuration of the arc-hybrid transition system: a stack (the root, word 0, at its bottom), a buffer that is
/// always the suffix Next..Count of the sentence, and the arcs built so far. SHIFT moves the buffer front onto the
/// stack; LEFT attaches the stack top to the buffer front and pops it; RIGHT attaches the stack top to the word
/// below it and pops it. RIGHT onto the root is allowed only once the buffer is empty and the stack holds one
/// word, so every finished parse is a tree with exactly one word under the root.
/// </summary>
internal sealed class ParserState
{
    public const int Shift = 0;
    public const int Left = 1;
    public const int Right = 2;

    private readonly int[] _stack;

    public ParserState(int count)
    {
        Count = count;
        var size = count + 1;
        _stack = new int[size + 1];
        Heads = new int[size];
        Labels = new int[size];
        LeftChild1 = new int[size];
        LeftChild2 = new int[size];
        RightChild1 = new int[size];
        RightChild2 = new int[size];
        LeftCount = new int[size];
        RightCount = new int[size];
        LeftLabelSet = new ulong[size];
        RightLabelSet = new ulong[size];
        OnStack = new bool[size];
        Reset();
    }

    public int Count { get; }

    /// <summary>Index of the first buffer word; the buffer is empty when it exceeds <see cref="Count"/>.</summary>
    public int Next { get; private set; }

    public int StackSize { get; private set; }

    public int[] Heads { get; }

    public int[] Labels { get; }

    public int[] LeftChild1 { get; }

    public int[] LeftChild2 { get; }

    public int[] RightChild1 { get; }

    public int[] RightChild2 { get; }

    public int[] LeftCount { get; }

    public int[] RightCount { get; }

    public ulong[] LeftLabelSet { get; }

    public ulong[] RightLabelSet { get; }

    public bool[] OnStack { get; }

    public bool IsTerminal => Next > Count && StackSize == 1;

    public bool BufferEmpty => Next > Count;

    public void Reset()
    {
        Array.Fill(Heads, -1);
        Array.Fill(Labels, -1);
        Array.Fill(LeftChild1, -1);
        Array.Fill(LeftChild2, -1);
        Array.Fill(RightChild1, -1);
        Array.Fill(RightChild2, -1);
        Array.Clear(LeftCount);
        Array.Clear(RightCount);
        Array.Clear(LeftLabelSet);
        Array.Clear(RightLabelSet);
        Array.Clear(OnStack);
        _stack[0] = 0;
        OnStack[0] = true;
        StackSize = 1;
        Next = 1;
    }

    /// <summary>The i-th word from the stack top (0 = top), or -1.</summary>
    public int StackAt(int i) => i < StackSize ? _stack[StackSize - 1 - i] : -1;

    /// <summary>The i-th buffer word (0 = front), or -1.</summary>
    public int BufferAt(int i) => Next + i <= Count ? Next + i : -1;

    public bool CanShift => Next <= Count;

    public bool CanLeft => Next <= Count && StackSize >= 2;

    public bool CanRight => StackSize >= 3 || (StackSize == 2 && Next > Count);

    public bool IsLegal(int move) => move switch
    {
        Shift => CanShift,
        Left => CanLeft,
        _ => CanRight,
    };

    public void Apply(int move, int label)
    {
        switch (move)
        {
            case Shift:
                OnStack[Next] = true;
                _stack[StackSize++] = Next++;
                break;
            case Left:
                AddArc(Next, Pop(), label);
                break;
            default:
                var dependent = Pop();
                AddArc(_stack[StackSize - 1], dependent, label);
                break;
        }
    }

    private int Pop()
    {
        var word = _stack[--StackSize];
        OnStack[word] = false;
        return word;
    }

    private void AddArc(int head, int dependent, int label)
    {
        Heads[dependent] = head;
        Labels[dependent] = label;
        var bit = 1UL << (label & 63);
        if (dependent < head)
        {
            LeftCount[head]++;
            LeftLabelSet[head] |= bit;
            if (LeftChild1[head] < 0 || dependent < LeftChild1[head])
            {
                LeftChild2[head] = LeftChild1[head];
                LeftChild1[head] = dependent;
            }
            else if (LeftChild2[head] < 0 || dependent < LeftChild2[head])
            {
                LeftChild2[head] = dependent;
            }
        }
        else
        {
            RightCount[head]++;
            RightLabelSet[head] |= bit;
            if (dependent > RightChild1[head])
            {
                RightChild2[head] = RightChild1[head];
                RightChild1[head] = dependent;
            }
            else if (dependent > RightChild2[head])
            {
                RightChild2[head] = dependent;
            }
        }
    }

    /// <summary>
    /// Dynamic-oracle cost of each move (Goldberg and Nivre 2013): how many gold arcs become unreachable.
    /// <paramref name="goldChildren"/> lists each word's gold dependents.
    /// </summary>
    public int Cost(int move, int[] goldHeads, int[][] goldChildren)
    {
        var s0 = StackAt(0);
        var b0 = Next;
        var cost = 0;
        switch (move)
        {
            case Shift:
                // b0 can no longer take dependents from the stack, nor a head deeper than the stack top.
                foreach (var child in goldChildren[b0])
                {
                    if (child < b0 && OnStack[child])
                    {
                        cost++;
                    }
                }

                var head = goldHeads[b0];
                if (head != s0 && head < b0 && OnStack[head])
                {
                    cost++;
                }

                return cost;
            case Left:
                cost = DependentsInBuffer(s0, goldChildren);
                var leftHead = goldHeads[s0];
                if (leftHead != b0 && (leftHead == StackAt(1) || leftHead > b0))
                {
                    cost++;
                }

                return cost;
            default:
                cost = DependentsInBuffer(s0, goldChildren);
                if (goldHeads[s0] >= b0 && b0 <= Count)
                {
                    cost++;
                }

                return cost;
        }
    }

    private int DependentsInBuffer(int word, int[][] goldChildren)
    {
        var count = 0;
        foreach (var child in goldChildren[word])
        {
            if (child >= Next)
            {
                count++;
            }
        }

        return count;
    }
}
