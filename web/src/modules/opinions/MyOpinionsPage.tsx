import { useState } from 'react';
import { Button, Card, Segmented, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { OpinionList } from './parts';
import { useOpinionList } from './useOpinions';

const FILTERS: Record<string, string | undefined> = {
  全部: undefined,
  草稿: 'draft,returned',
  待受理: 'submitted',
  已受理: 'accepted',
  已采用: 'adopted',
  已办结: 'declined,closed,withdrawn',
};

/** 我的社情民意: what I wrote, co-wrote or recorded. */
export default function MyOpinionsPage() {
  const [filter, setFilter] = useState('全部');
  const [page, setPage] = useState(1);
  const list = useOpinionList({ mine: true, status: FILTERS[filter], page, pageSize: 20 });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的社情民意
        </Typography.Title>
      }
      extra={
        <Link to="/opinions/new">
          <Button type="primary" icon={<EditOutlined />}>
            撰写信息
          </Button>
        </Link>
      }
    >
      <div style={{ overflowX: 'auto', marginBottom: 8 }}>
        <Segmented
          options={Object.keys(FILTERS)}
          value={filter}
          onChange={(v) => {
            setFilter(String(v));
            setPage(1);
          }}
        />
      </div>
      <OpinionList
        list={list.data}
        page={page}
        pageSize={20}
        onPage={setPage}
        loading={list.isLoading}
        empty="还没有社情民意信息，点击「撰写信息」开始"
      />
    </Card>
  );
}
